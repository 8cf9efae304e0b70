import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SwitchyardAPI
import SwitchyardCore
import SwitchyardStore

/// Runs the service: opens (and migrates) the database, makes sure an admin can get in, and serves the API
/// until SIGTERM or SIGINT, letting in-flight requests finish before the database is closed.
struct ServeCommand: AsyncParsableCommand, SettingFlags {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Switchyard service.")

    @Option(help: ArgumentHelp("Address to listen on (env SWITCHYARD_LISTEN; default 127.0.0.1:8080).", valueName: "host:port"))
    var listen: String?

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("text or json (env SWITCHYARD_LOG_FORMAT; default text).", valueName: "format"))
    var logFormat: LogFormat?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (env SWITCHYARD_LOG_LEVEL; default info).", valueName: "level"))
    var logLevel: Logger.Level?

    @Flag(help: "Load the demo fleet of seed 004 (sd21 on five units) at start; loading it again changes nothing (env SWITCHYARD_DEMO=1).")
    var demo = false

    @OptionGroup var render: RenderOptions
    @OptionGroup var controlPlane: ControlPlaneOptions

    @Option(help: ArgumentHelp("Largest accepted request body in bytes (env SWITCHYARD_MAX_BODY_BYTES; default 33554432, room for a fleet of about 25,000 units).", valueName: "bytes"))
    var maxBodyBytes: Int?

    @Option(help: ArgumentHelp("Most simulated steps per strategy in one replay; more answers 422 (env SWITCHYARD_REPLAY_MAX_STEPS; default 100000).", valueName: "steps"))
    var replayMaxSteps: Int?

    @Option(help: ArgumentHelp("Replays running at once; more answer 429 (env SWITCHYARD_MAX_CONCURRENT_REPLAYS; default 2).", valueName: "count"))
    var maxConcurrentReplays: Int?

    @Option(help: ArgumentHelp("Seconds one replay may run before it is stopped (env SWITCHYARD_REPLAY_TIME_LIMIT; default 60).", valueName: "seconds"))
    var replayTimeLimit: Int?

    @Option(help: ArgumentHelp("Seconds SIGTERM waits for in-flight work before cancelling it (env SWITCHYARD_SHUTDOWN_GRACE; default 20).", valueName: "seconds"))
    var shutdownGrace: Int?

    @Option(help: ArgumentHelp("Seconds any /v1 request may run before it is stopped with 503; more than the replay time limit (env SWITCHYARD_REQUEST_DEADLINE; default 120, or the replay time limit + 10 when that is longer).", valueName: "seconds"))
    var requestDeadline: Int?

    func run() async throws {
        MemoryArenas.limit()
        let settings = try await database.settings(self, render, controlPlane)
        let listenText = settings.string("listen", default: "127.0.0.1:8080")
        guard let address = ListenAddress(listenText) else {
            throw SettingError.invalid(key: "listen", value: listenText, expected: "HOST:PORT")
        }
        let format = try settings.choice("logFormat", default: "text", LogFormat.allCases.map { ($0.rawValue, $0) })
        let level = try settings.choice("logLevel", default: "info", Logger.Level.allCases.map { ($0.rawValue, $0) })
        let bodyLimit = try settings.int("maxBodyBytes", default: APISettings.defaultMaxBodyBytes, minimum: 1)
        let replays = ReplaySettings(
            maxSteps: try settings.int("replayMaxSteps", default: ReplaySimulator.defaultMaxSteps, minimum: 1),
            maxConcurrent: try settings.int("maxConcurrentReplays", default: 2, minimum: 1),
            timeLimit: .seconds(try settings.int("replayTimeLimit", default: 60, minimum: 1, unit: " of seconds")))
        let grace = try settings.int("shutdownGrace", default: 20, minimum: 1, unit: " of seconds")
        // By default the deadline leaves a replay its whole time limit; one set by hand must do the same.
        let replaySeconds = Int(replays.timeLimit.components.seconds)
        let deadline = try settings.int(
            "requestDeadline", default: max(120, replaySeconds + 10), minimum: 1, unit: " of seconds")
        guard deadline > replaySeconds else {
            throw ValidationError("--request-deadline (\(deadline) s) must be longer than --replay-time-limit (\(replaySeconds) s)")
        }
        let renderSettings = try render.settings(settings)
        let controlSettings = try ControlPlaneSettings(settings)
        let loadDemo = try settings.bool("demo")
        let adminSecret = settings.string("adminToken", isSecret: true)
        format.bootstrap(level: level)
        var logger = Logger(label: "switchyard")
        logger.logLevel = level

        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let location = try StoreLocation(settings)
        let store = try await OpenedStore.open(location, logger: Logger(label: "switchyard.store")).store
        let migrations = try await store.appliedMigrations()
        // The location's description never holds a password.
        logger.info("database open", metadata: ["database": "\(location)", "migration": "\(migrations.last ?? "none")"])

        try await AdminTokenBootstrap(store: store, logger: logger)
            .ensureAdmin(presetSecret: adminSecret)

        if loadDemo {
            // The demo loads only where none of its resources exist yet: an operator's fleet, or the demo as they
            // edited it, is never changed by it.
            let present = DemoFleet.names(in: try await store.fleetSnapshot())
            if present.isEmpty {
                let report = try await store.importFleet(
                    DemoFleet.fleet, dryRun: false,
                    context: ChangeContext(actor: "demo", requestID: UUID().uuidString, reason: "serve --demo")
                )
                logger.info("demo fleet loaded", metadata: [
                    "created": "\(report.created.count)", "benchmarkRunsAdded": "\(report.benchmarkRunsAdded)",
                ])
            } else {
                logger.notice("demo fleet not loaded: the database already holds some of it, left as it is", metadata: [
                    "present": "\(present.prefix(5).joined(separator: ","))",
                ])
            }
        }

        let control = try await ControlPlane.build(
            settings: controlSettings, render: renderSettings, store: store, shared: location.postgres, logger: logger,
            metrics: registry)
        let application = try buildApplication(
            database: store,
            control: control.services,
            settings: APISettings(
                host: address.host, port: address.port, maxBodyBytes: bodyLimit, replays: replays,
                demandHorizonSeconds: control.demandHorizonSeconds, requestDeadline: .seconds(deadline)),
            logger: logger,
            metrics: registry
        )
        let all: [any ServiceLifecycle.Service] = [application] + control.background
        var group = ServiceGroupConfiguration(
            services: all.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // Past the grace period whatever still runs is cancelled, so SIGTERM always ends the process in time.
        group.maximumGracefulShutdownDuration = .seconds(grace)
        group.maximumCancellationDuration = .seconds(5)
        let services = ServiceGroup(configuration: group)
        do {
            try await services.run()
        } catch {
            try? await control.kubernetes?.shutdown()
            try? await store.close()
            throw error
        }
        try? await control.kubernetes?.shutdown()
        try await store.close()
        logger.info("stopped; database closed")
    }

    func add(to flags: inout FlagValues) {
        flags.add("listen", listen)
        flags.add("logFormat", logFormat?.rawValue)
        flags.add("logLevel", logLevel?.rawValue)
        flags.add("demo", demo)
        flags.add("maxBodyBytes", maxBodyBytes)
        flags.add("replayMaxSteps", replayMaxSteps)
        flags.add("maxConcurrentReplays", maxConcurrentReplays)
        flags.add("replayTimeLimit", replayTimeLimit)
        flags.add("shutdownGrace", shutdownGrace)
        flags.add("requestDeadline", requestDeadline)
    }
}
