import Configuration

/// The flags given on a command line, under the keys the configuration file uses (`holdTime` for `--hold-time`): the
/// first source ``Settings`` reads. A flag not given adds nothing, so the environment and the file still count.
struct FlagValues {
    private(set) var values: [AbsoluteConfigKey: ConfigValue] = [:]

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        values[AbsoluteConfigKey([key])] = ConfigValue(.string(value), isSecret: false)
    }

    mutating func add(_ key: String, _ value: Int?) {
        add(key, value.map(String.init))
    }

    mutating func add(_ key: String, _ value: Double?) {
        add(key, value.map { "\($0)" })
    }

    /// A switch: on when given.
    mutating func add(_ key: String, _ on: Bool) {
        if on { add(key, "true") }
    }

    /// A repeatable flag.
    mutating func add(_ key: String, _ list: [String]) {
        guard !list.isEmpty else { return }
        values[AbsoluteConfigKey([key])] = ConfigValue(.stringArray(list), isSecret: false)
    }
}
