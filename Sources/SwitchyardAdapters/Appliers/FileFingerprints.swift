#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What a ``FilesApplier`` knows of the files it wrote, or read back and found as pushed: each file's inode, size,
/// and modification and change times then, and a hash of the pushed item's stored text. A file that still has all
/// of those, recorded for the same stored text, is in place without being read. (An edit in place that keeps the
/// size, made within the file system's timestamp granularity of the recording, goes unseen until the file changes
/// again; files are written by rename, so each write is a new inode.)
final class FileFingerprints: Sendable {
    /// What `stat` says of a file.
    struct Examination: Equatable, Sendable {
        var inode: UInt64
        var size: Int
        var modified: (seconds: Int, nanoseconds: Int)
        var changed: (seconds: Int, nanoseconds: Int)

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.inode == rhs.inode && lhs.size == rhs.size && lhs.modified == rhs.modified && lhs.changed == rhs.changed
        }
    }

    private struct Fingerprint: Sendable {
        var examination: Examination
        var storedTextHash: Int
    }

    private let fingerprints = Mutex<[String: Fingerprint]>([:])

    /// Records the file at `path`, as `examination` found it, as holding the item whose stored text is `storedText`;
    /// forgets the file when it could not be examined.
    func note(path: String, examination: Examination?, storedText: String) {
        let fingerprint = examination.map { Fingerprint(examination: $0, storedTextHash: storedText.hashValue) }
        fingerprints.withLock { $0[path] = fingerprint }
    }

    /// Whether the file at `path` is unchanged since it was recorded as holding the item with this stored text.
    func isInPlace(path: String, storedText: String) -> Bool {
        guard let recorded = fingerprints.withLock({ $0[path] }), recorded.storedTextHash == storedText.hashValue,
              let now = Self.examine(path)
        else { return false }
        return recorded.examination == now
    }

    /// The file's inode, size and times; nil when it is missing or not a regular file.
    static func examine(_ path: String) -> Examination? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = status.st_mtimespec, changed = status.st_ctimespec
        #else
        let modified = status.st_mtim, changed = status.st_ctim
        #endif
        return Examination(
            inode: UInt64(status.st_ino), size: Int(status.st_size),
            modified: (Int(modified.tv_sec), Int(modified.tv_nsec)), changed: (Int(changed.tv_sec), Int(changed.tv_nsec)))
    }
}
