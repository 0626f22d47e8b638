import CZeroMQ

/// The version of the libzmq library linked at run time.
///
/// The corresponding C function is `zmq_version`.
public var libzmqVersion: (major: Int, minor: Int, patch: Int) {
    var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return (Int(major), Int(minor), Int(patch))
}
