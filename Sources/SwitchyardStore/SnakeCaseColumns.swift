import GRDB
import Synchronization

/// Snake-case column names as camel-case coding keys, each converted once: GRDB asks for the key of every column of
/// every row it decodes, and reloading a large fleet decodes tens of thousands of rows.
enum SnakeCaseColumns {
    private struct ColumnKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let converted = Mutex<[String: String]>([:])

    /// The strategy records decode their columns with.
    static let strategy = DatabaseColumnDecodingStrategy.custom { key(for: $0) }

    static func key(for column: String) -> any CodingKey {
        if let known = converted.withLock({ $0[column] }) { return ColumnKey(stringValue: known) }
        let camel = camelCase(column)
        converted.withLock { $0[column] = camel }
        return ColumnKey(stringValue: camel)
    }

    /// `k8s_namespace` → `k8sNamespace`; a name without underscores is itself.
    static func camelCase(_ column: String) -> String {
        let parts = column.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first, parts.count > 1 else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
