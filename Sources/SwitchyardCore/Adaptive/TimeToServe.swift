/// How long each unit takes from asking for a replica to its serving: the unit's own `timeToServeSeconds`,
/// or a default for units that declare none. The adaptive configuration forecasts over the slowest.
public struct TimeToServe: Sendable, Equatable {
    /// Seconds per unit name.
    public let seconds: [String: Double]
    /// The slowest unit's: the forecast horizon (the default when there is no unit).
    public let horizonSeconds: Double

    public init(units: [DeploymentUnit], defaultSeconds: Double) {
        let seconds = Dictionary(
            units.map { ($0.name, $0.timeToServeSeconds ?? defaultSeconds) }, uniquingKeysWith: max)
        self.seconds = seconds
        horizonSeconds = seconds.values.max() ?? defaultSeconds
    }
}
