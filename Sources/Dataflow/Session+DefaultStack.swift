extension Session {
    /// The calling thread's default-session stack, thread-local as TF1's is.
    static let pushed = ThreadScoped<Session>()

    /// The innermost ``asDefault(_:)`` session of the calling thread, or `nil`
    /// (TF1 `tf.get_default_session()`).
    public static var current: Session? { pushed.value }

    /// Makes this session the default for the calling thread while `body` runs.
    ///
    /// Models TF1 `with session.as_default():`. Scopes nest.
    /// - Parameter body: The code to run with this session as ``current``.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func asDefault<Result>(_ body: () throws -> Result) rethrows -> Result {
        try Session.pushed.withValue(self, body)
    }
}
