/// The version of the libzmq library linked at run time.
///
/// The corresponding C function is `zmq_version`.
public var libzmqVersion: (major: Int, minor: Int, patch: Int) {
    LibZMQ.version()
}
