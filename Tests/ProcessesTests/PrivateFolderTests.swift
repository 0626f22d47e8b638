import Processes
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PrivateFolderTests {
    @Test func theFolderIsPrivateAndRemovedWithWhatItHolds() throws {
        let folder = try PrivateFolder()
        var status = stat()
        #expect(stat(folder.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700)
        let file = open("\(folder.path)/coordinator", O_WRONLY | O_CREAT, 0o600)
        close(file)
        folder.remove()
        #expect(access(folder.path, F_OK) != 0)
    }
}
