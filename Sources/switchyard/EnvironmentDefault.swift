import Foundation

/// Resolves a setting the way every subcommand does: the flag, else the environment variable, else the default.
struct EnvironmentDefault {
    var environment: [String: String] = ProcessInfo.processInfo.environment

    func string(_ flag: String?, _ variable: String, default fallback: String) -> String {
        if let flag { return flag }
        if let value = environment[variable], !value.isEmpty { return value }
        return fallback
    }

    func optionalString(_ flag: String?, _ variable: String) -> String? {
        if let flag { return flag }
        if let value = environment[variable], !value.isEmpty { return value }
        return nil
    }

    /// A repeatable flag's values, else the variable's comma-separated values.
    func list(_ flag: [String], _ variable: String) -> [String] {
        guard flag.isEmpty else { return flag }
        return optionalString(nil, variable)?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }

    /// A boolean flag that is also on when the variable is `1`, `true` or `yes`.
    func bool(_ flag: Bool, _ variable: String) -> Bool {
        if flag { return true }
        guard let value = environment[variable]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
