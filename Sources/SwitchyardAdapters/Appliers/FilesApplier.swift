import Foundation
import Logging
import SwitchyardCore

/// Writes manifests as files under a directory, laid out as `ManifestFileLayout` lays them out: `.yaml`
/// for Kubernetes objects, pretty JSON for `.json` (the ELBv2 forward configs). Item keys are the relative paths.
///
/// Each file is written to a temporary file beside it and renamed into place, so a reader (`kubectl apply -f`,
/// a GitOps agent) never sees half a manifest, and a push reports success only once its files are on stable
/// storage (one file system sync per push, ``AtomicFileWriter``). A file it wrote, or read back as pushed, and that has not changed
/// since (see ``FileFingerprints``) is known to be in place without being read and parsed again.
public struct FilesApplier: Applier {
    public var kind: ApplierKind { .files }
    /// The output directory; created when missing.
    public let directory: URL
    private let logger: Logger
    private let fingerprints = FileFingerprints()

    public init(directory: URL, logger: Logger = Logger(label: "switchyard.applier.files")) {
        self.directory = directory
        self.logger = logger
    }

    /// The file text of a document: what `ManifestFileLayout` writes for the same object or forward config.
    public static func contents(of document: JSONValue, at path: String) throws -> String {
        if path.hasSuffix(".json") { return document.jsonText(pretty: true) + "\n" }
        return try ManifestSerializer.yaml(values: [document])
    }

    public func push(_ items: [PushItem]) async -> [PushOutcome] {
        // Files are written a chunk per core (each writer its own temporary names), then synced once.
        let directory = directory
        let attempts: [Result<String, ApplierError>] = (try? await ChunkedWork.map(items, minimumChunk: 512) { chunk in
            var writer = AtomicFileWriter(directory: directory)
            let texts = Self.contents(of: Array(chunk))
            return zip(chunk, texts).map { item, text in Self.write(item, text: text, with: &writer, in: directory) }
        }) ?? []
        var outcomes: [String: PushOutcome] = [:]
        var written: [(item: PushItem, path: String)] = []
        for (item, attempt) in zip(items, attempts) {
            switch attempt {
            case .success(let path):
                written.append((item, path))
            case .failure(let error):
                logger.warning("manifest file not written", metadata: ["path": "\(item.key)", "error": "\(error)"])
                outcomes[item.key] = .failure(item.key, error)
            }
        }
        do {
            if !written.isEmpty { try AtomicFileWriter.syncFileSystem(of: directory) }
            for (item, path) in written {
                fingerprints.note(path: path, examination: FileFingerprints.examine(path), storedText: item.storedText)
                outcomes[item.key] = .success(item.key)
            }
        } catch {
            // Not known to be on stable storage: none of the batch counts as pushed.
            logger.warning("manifest files not synced", metadata: ["files": "\(written.count)", "error": "\(error)"])
            for (item, _) in written { outcomes[item.key] = .failure(item.key, ApplierError.file(path: item.key, reason: "\(error)")) }
        }
        return items.map { outcomes[$0.key] ?? .failure($0.key, ApplierError.file(path: $0.key, reason: "not written")) }
    }

    /// The file texts of items, as ``contents(of:at:)`` writes each: YAML documents written by one emitter.
    private static func contents(of items: [PushItem]) -> [Result<String, any Error>] {
        let yaml = items.filter { !$0.key.hasSuffix(".json") }
        let yamlTexts = Result { try ManifestSerializer.yaml(separately: yaml.map(\.document)) }
        var next = 0
        return items.map { item in
            if item.key.hasSuffix(".json") { return Result { try contents(of: item.document, at: item.key) } }
            defer { next += 1 }
            return yamlTexts.map { $0[next] }
        }
    }

    /// Writes one item's file; its absolute path, or why it was not written.
    private static func write(
        _ item: PushItem, text: Result<String, any Error>, with writer: inout AtomicFileWriter, in directory: URL
    ) -> Result<String, ApplierError> {
        do {
            let path = try filePath(item.key, in: directory.path)
            let bytes = Array(try text.get().utf8)
            do {
                try writer.write(bytes, to: path)
            } catch {
                throw ApplierError.file(path: path, reason: String(describing: error))
            }
            return .success(path)
        } catch let error as ApplierError {
            return .failure(error)
        } catch {
            return .failure(ApplierError.file(path: item.key, reason: String(describing: error)))
        }
    }

    /// The file's document, projected onto the pushed one; nil when the file is missing. A file that no longer
    /// parses reads back as its raw text, so it differs and is rewritten.
    public func readBack(_ items: [PushItem]) async throws -> [String: JSONValue?] {
        var live: [String: JSONValue?] = [:]
        for item in items {
            let path = try Self.filePath(item.key, in: directory.path)
            guard FileManager.default.fileExists(atPath: path) else {
                live[item.key] = .some(nil)
                continue
            }
            // Examined before it is read: a change after this is seen on the next check.
            let examination = FileFingerprints.examine(path)
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ApplierError.file(path: item.key, reason: "cannot be read: \(error)")
            }
            if let documents = try? ManifestSerializer.documents(from: text), documents.count == 1 {
                let projected = documents[0].projected(onto: item.document)
                live[item.key] = .some(projected)
                if projected.isSemanticallyEqual(to: item.document) {
                    fingerprints.note(path: path, examination: examination, storedText: item.storedText)
                }
            } else {
                live[item.key] = .some(.string(text))
            }
        }
        return live
    }

    public func knownInPlace(_ items: [(key: String, storedText: String)]) async -> Set<String> {
        let directoryPath = directory.path
        return Set(items.compactMap { item in
            guard let path = try? Self.filePath(item.key, in: directoryPath),
                  fingerprints.isInPlace(path: path, storedText: item.storedText)
            else { return nil }
            return item.key
        })
    }

    /// The absolute path of a key's file; refuses absolute paths, empty components, `.` and `..`, so a key can
    /// never write outside the directory.
    private static func filePath(_ key: String, in directory: String) throws -> String {
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.hasPrefix("/"), !components.isEmpty,
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else {
            throw ApplierError.unsupportedItem(key: key, reason: "not a relative path inside the output directory")
        }
        return directory.hasSuffix("/") ? directory + key : directory + "/" + key
    }
}
