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

    /// A boolean flag that is also on when the variable is `1`, `true` or `yes`.
    func bool(_ flag: Bool, _ variable: String) -> Bool {
        if flag { return true }
        guard let value = environment[variable]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
