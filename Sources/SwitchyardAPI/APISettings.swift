/// How the HTTP server listens, what it accepts, and how far ahead its demand forecasts look.
public struct APISettings: Sendable {
    /// Interface to bind, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int
    /// Largest request body accepted; larger ones answer 413.
    public var maxBodyBytes: Int
    /// The `Server` header value.
    public var serverName: String
    /// How far ahead `GET /v1/models/{name}/demand` forecasts, seconds: the time a new replica takes to serve.
    public var demandHorizonSeconds: Double
    /// How long, how many and how big replays may be.
    public var replays: ReplaySettings
    /// How long any `/v1` request may run before it is stopped with 503; longer than the replay time limit.
    public var requestDeadline: Duration

    /// 4 MiB: a whole fleet document with its benchmark runs fits many times over.
    /// 32 MiB: a fleet document of 10,000 units with their benchmarks is about 12 MB.
    public static let defaultMaxBodyBytes = 32 * 1024 * 1024
    /// 720 s: the reference fleet's slowest node launch plus model load.
    public static let defaultDemandHorizonSeconds = 720.0

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = APISettings.defaultMaxBodyBytes,
        serverName: String = "switchyard", replays: ReplaySettings = ReplaySettings(),
        demandHorizonSeconds: Double = APISettings.defaultDemandHorizonSeconds, requestDeadline: Duration = .seconds(120)
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.serverName = serverName
        self.demandHorizonSeconds = demandHorizonSeconds
        self.replays = replays
        self.requestDeadline = requestDeadline
    }
}
