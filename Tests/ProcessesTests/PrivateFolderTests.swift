import Foundation
@testable import Processes
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PrivateFolderTests {
    @Test func theFolderIsPrivateNamedAfterThisProcessAndRemovedWithWhatItHolds() throws {
        let folder = try PrivateFolder()
        var status = stat()
        #expect(stat(folder.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700)
        let name = String(folder.path.split(separator: "/").last ?? "")
        #expect(PrivateFolder.creator(ofFolderNamed: name) == getpid())
        let file = open("\(folder.path)/coordinator", O_WRONLY | O_CREAT, 0o600)
        close(file)
        folder.remove()
        #expect(access(folder.path, F_OK) != 0)
    }

    @Test func onlyPrivateFolderNamesGiveAPid() {
        #expect(PrivateFolder.creator(ofFolderNamed: "isorun-123-aB3xYz") == 123)
        for name in ["isorun-aB3xYz", "isorun-e2e-123-aB3x", "isorun-123-aB3", "isorun--aB3xYz", "isorun-12a-aB3xYz",
                     "isorun-0-aB3xYz", "isorun-123-aB3xYz-1", "other-123-aB3xYz", "isorun-zeromq-tests-1.sock"] {
            #expect(PrivateFolder.creator(ofFolderNamed: name) == nil, "\(name)")
        }
    }

    @Test func staleFoldersOfDeadProcessesGoAndEverythingElseStays() throws {
        let base = try PrivateFolder()
        defer { removeTree(base.path) }
        // pid_max itself is never given to a process.
        let pidMax = try String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let dead = "\(base.path)/isorun-\(pidMax)-aaaaaa"
        let live = "\(base.path)/isorun-\(getpid())-bbbbbb"
        let unnamed = "\(base.path)/isorun-cccccc"
        for folder in [dead, live, unnamed] { #expect(mkdir(folder, 0o700) == 0) }
        let socketFile = "\(dead)/coordinator"
        close(open(socketFile, O_WRONLY | O_CREAT, 0o600))
        let deadFile = "\(base.path)/isorun-\(pidMax)-dddddd"
        close(open(deadFile, O_WRONLY | O_CREAT, 0o600))
        let deadLink = "\(base.path)/isorun-\(pidMax)-eeeeee"
        #expect(symlink(live, deadLink) == 0)

        #expect(PrivateFolder.removeStale(in: base.path) == [dead])
        #expect(access(dead, F_OK) != 0)
        for kept in [live, unnamed, deadFile, deadLink] { #expect(access(kept, F_OK) == 0, "\(kept)") }
    }

    @Test func aMissingBaseRemovesNothing() {
        #expect(PrivateFolder.removeStale(in: "/nonexistent-isorun-base").isEmpty)
    }

    private func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
