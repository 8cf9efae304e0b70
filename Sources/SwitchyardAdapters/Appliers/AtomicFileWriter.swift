import CSwitchyardSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a batch of files so that a reader never sees half of one and the whole batch is on stable storage
/// before the writer says it is done.
///
/// Each file goes to a temporary file beside it (`O_EXCL`, with a name of its own per writer, so two writers never
/// share one) and is renamed over the target; each writer creates a directory once. Durability comes from one
/// `syncfs(2)` of the output file system after the batch (``syncFileSystem(of:)``), not an `fsync` per file:
/// thousands of files cost one flush.
struct AtomicFileWriter {
    enum WriteError: Error, CustomStringConvertible {
        case system(operation: String, path: String, errno: Int32)
        case directory(path: String, reason: String)

        var description: String {
            switch self {
            case .system(let operation, let path, let code):
                "\(operation) \(path): \(String(cString: strerror(code)))"
            case .directory(let path, let reason):
                "create directory \(path): \(reason)"
            }
        }
    }

    let directory: URL
    private var createdDirectories: Set<String> = []
    private let suffix = ".switchyard-\(getpid())-\(UInt64.random(in: .min ... .max)).tmp"

    init(directory: URL) {
        self.directory = directory
    }

    /// Writes `bytes` to `path` (absolute, inside `directory`), replacing what is there in one rename.
    mutating func write(_ bytes: [UInt8], to path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !createdDirectories.contains(parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw WriteError.directory(path: parent, reason: String(describing: error))
            }
            createdDirectories.insert(parent)
        }
        let temporary = path + suffix
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.system(operation: "create", path: temporary, errno: errno) }
        do {
            try Self.writeAll(bytes, to: descriptor, path: temporary)
            guard close(descriptor) == 0 else { throw WriteError.system(operation: "close", path: temporary, errno: errno) }
        } catch {
            _ = close(descriptor)
            _ = unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw WriteError.system(operation: "rename to", path: path, errno: code)
        }
    }

    /// Flushes the file system holding `directory`: after this, what writers wrote there survives a crash.
    static func syncFileSystem(of directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError.system(operation: "open", path: directory.path, errno: errno) }
        defer { _ = close(descriptor) }
        guard switchyard_sync_file_system(descriptor) == 0 else {
            throw WriteError.system(operation: "sync", path: directory.path, errno: errno)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw WriteError.system(operation: "write", path: path, errno: errno)
                }
                offset += count
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }
}
