/// A setting that stops a command at start.
enum SettingError: Error, CustomStringConvertible {
    /// A value given for `key` (a flag, a variable or a file's key) that cannot be used.
    case invalid(key: String, value: String, expected: String)
    case unreadableFile(path: String, reason: String)

    var description: String {
        switch self {
        case .invalid(let key, let value, let expected):
            "\(Self.names(of: key)) must be \(expected), got '\(value)'"
        case .unreadableFile(let path, let reason):
            "the configuration file \(path) cannot be read: \(reason)"
        }
    }

    /// How a setting is spelled in each source: `holdTime` is `--hold-time`, `SWITCHYARD_HOLD_TIME` and `holdTime`.
    static func names(of key: String) -> String {
        var words: [String] = []
        for character in key {
            if character.isUppercase || words.isEmpty { words.append("") }
            words[words.count - 1].append(character)
        }
        let flag = "--" + words.map { $0.lowercased() }.joined(separator: "-")
        let variable = "SWITCHYARD_" + words.map { $0.uppercased() }.joined(separator: "_")
        return "\(flag) (\(variable), or \(key) in the configuration file)"
    }
}
