import Configuration
import Foundation

/// Every setting of every subcommand, read one way: the flag, else the `SWITCHYARD_` environment variable, else the
/// configuration file (`--config` or `SWITCHYARD_CONFIG`, YAML or JSON, keys as the flags in camelCase), else the
/// default. A value that is given but cannot be used stops the command at start, naming the setting.
struct Settings: Sendable {
    private let reader: ConfigReader
    /// The process environment, for the variables other tools define (`AWS_*`, `KUBECONFIG`, `HOSTNAME`).
    let environment: [String: String]

    private init(reader: ConfigReader, environment: [String: String]) {
        self.reader = reader
        self.environment = environment
    }

    /// The flags given, the environment and, where one is named, the configuration file.
    static func load(
        flags: FlagValues, file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Settings {
        let variables = environment.filter { $0.key.hasPrefix("SWITCHYARD_") && !$0.value.isEmpty }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags.values),
            EnvironmentVariablesProvider(
                environmentVariables: variables, secretsSpecifier: .specific(["SWITCHYARD_ADMIN_TOKEN", "SWITCHYARD_DATABASE"])
            ).prefixKeys(with: "switchyard"),
        ]
        if let path = file ?? variables["SWITCHYARD_CONFIG"] {
            do {
                // YAML is a superset of JSON, so one snapshot type reads both.
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: .init(path)))
            } catch {
                throw SettingError.unreadableFile(path: path, reason: "\(error)")
            }
        }
        return Settings(reader: ConfigReader(providers: providers), environment: environment)
    }

    /// The setting's text, or nil where no source gives one.
    func string(_ key: String, isSecret: Bool = false) -> String? {
        guard let text = reader.string(forKey: ConfigKey([key]), isSecret: isSecret), !text.isEmpty else { return nil }
        return text
    }

    func string(_ key: String, default fallback: String) -> String {
        string(key) ?? fallback
    }

    /// A whole number of at least `minimum`.
    func int(_ key: String, default fallback: Int, minimum: Int = 0, unit: String = "") throws -> Int {
        guard let text = string(key) else { return fallback }
        guard let value = Int(text), value >= minimum else {
            throw SettingError.invalid(key: key, value: text, expected: "a whole number\(unit) of at least \(minimum)")
        }
        return value
    }

    /// Whole seconds of at least 0.
    func seconds(_ key: String, default fallback: Int) throws -> Int {
        try int(key, default: fallback, unit: " of seconds")
    }

    /// A number within `range`.
    func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>, described: String) throws -> Double {
        guard let text = string(key) else { return fallback }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw SettingError.invalid(key: key, value: text, expected: described)
        }
        return value
    }

    /// On with `1`, `true`, `yes` or `on`, off with `0`, `false`, `no` or `off`; off when not given.
    func bool(_ key: String) throws -> Bool {
        guard let text = string(key)?.lowercased() else { return false }
        if ["1", "true", "yes", "on"].contains(text) { return true }
        if ["0", "false", "no", "off"].contains(text) { return false }
        throw SettingError.invalid(key: key, value: text, expected: "true or false (1, yes, on / 0, no, off)")
    }

    /// One of `choices`, by name.
    func choice<Value>(_ key: String, default fallback: String, _ choices: [(String, Value)]) throws -> Value {
        let text = string(key, default: fallback)
        guard let value = choices.first(where: { $0.0 == text })?.1 else {
            throw SettingError.invalid(key: key, value: text, expected: "one of \(choices.map(\.0).joined(separator: ", "))")
        }
        return value
    }

    /// The values of a repeatable setting: the flags, a comma-separated variable or a list in the file.
    func list(_ key: String) -> [String] {
        let values = reader.stringArray(forKey: ConfigKey([key])) ?? string(key).map { [$0] } ?? []
        return values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
