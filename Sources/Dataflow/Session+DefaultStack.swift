extension Session {
    /// The calling thread's (or task's) default session, if one was pushed; see ``Graph/current``
    /// for why a task-local models TF1's thread-local stack.
    @TaskLocal static var pushedDefault: Session?

    /// The innermost ``asDefault(_:)`` session of the calling thread or task, or `nil`
    /// (TF1 `tf.get_default_session()`).
    public static var current: Session? { pushedDefault }

    /// Makes this session the default for the calling thread (or task) while `body` runs.
    ///
    /// Models TF1 `with session.as_default():`. Scopes nest.
    /// - Parameter body: The code to run with this session as ``current``.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func asDefault<Result>(_ body: () throws -> Result) rethrows -> Result {
        try Session.$pushedDefault.withValue(self, operation: body)
    }
}
