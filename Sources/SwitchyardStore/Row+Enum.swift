import GRDB

extension Row {
    /// Decodes a raw-value enum column, failing loudly on a value the domain does not know.
    func decodeEnum<Value: RawRepresentable>(_ type: Value.Type, _ column: String) throws -> Value
    where Value.RawValue == String {
        let raw: String = self[column]
        guard let value = Value(rawValue: raw) else { throw StoredDataError.malformed(column: column, value: raw) }
        return value
    }
}
