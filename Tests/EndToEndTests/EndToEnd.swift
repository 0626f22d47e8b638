import Testing

/// Every end-to-end test: each spawns `isorun` processes (and they spawn workers),
/// so they run one at a time to keep a two-core machine from being overloaded and
/// timings from one test from disturbing another. The nested suites, one per
/// command or concern, live in files of their own as extensions.
///
/// No test asserts an absolute duration; the timeouts in `Support.swift` only
/// stop a hung process from hanging the target.
@Suite(.serialized) enum EndToEnd {}
