import Foundation

/// CPU-bound work over many items (encoding tens of thousands of objects, writing their text) split into one
/// contiguous chunk per core and run as child tasks, results in the items' order: pure work, only spread over the
/// machine's cores. Below `minimumChunk` items per chunk the work runs on the calling task: splitting costs more
/// than it saves.
public enum ChunkedWork {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], minimumChunk: Int = 256, _ transform: @escaping @Sendable (ArraySlice<Item>) throws -> [Result]
    ) async throws -> [Result] {
        let chunks = chunkCount(items.count, minimumChunk: minimumChunk)
        guard chunks > 1 else { return try transform(items[...]) }
        let size = (items.count + chunks - 1) / chunks
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for chunk in 0..<chunks {
                let slice = items[(chunk * size)..<min(items.count, (chunk + 1) * size)]
                group.addTask { (chunk, try transform(slice)) }
            }
            var parts = [[Result]](repeating: [], count: chunks)
            for try await (chunk, part) in group { parts[chunk] = part }
            return parts.flatMap { $0 }
        }
    }

    /// How many chunks `count` items make: one per active core, at least `minimumChunk` items each.
    static func chunkCount(_ count: Int, minimumChunk: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(minimumChunk, 1)))
    }
}
