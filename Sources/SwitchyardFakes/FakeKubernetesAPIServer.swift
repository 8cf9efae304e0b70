import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardCore

/// A Kubernetes API server on a loopback port, written to the real API's documented behaviour, for tests of
/// `LiveKubernetesClient` and of whatever drives it: server-side apply with field ownership, get, list, watch
/// (chunked newline-delimited JSON, kept open), delete, `Status` bodies for 400/404/409/410/415/422.
///
/// Tests seed objects and Events through `store`, queue faults, close or compact watches, and read back
/// every request received.
public actor FakeKubernetesAPIServer {
    /// The objects, their history and field owners; write to it directly to play another client or a controller.
    public nonisolated let store: KubernetesObjectStore
    let log = FakeKubernetesRequestLog()
    private var serverTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?
    /// The bound port, once started.
    public private(set) var port: Int?

    public init(store: KubernetesObjectStore = KubernetesObjectStore()) {
        self.store = store
    }

    /// `http://127.0.0.1:<port>`, once started.
    public var baseURL: String? { port.map { "http://127.0.0.1:\($0)" } }

    /// Writes a kubeconfig at `path` whose one context points at the server at `url` with a bearer token, for a
    /// `switchyard` process to talk to it as to a cluster.
    public static func writeKubeconfig(server url: String, to path: URL) throws {
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster: {server: "\(url)"}
            users:
            - name: switchyard
              user: {token: test-token}
            contexts:
            - name: fake
              context: {cluster: fake, user: switchyard}
            current-context: fake
            """.write(to: path, atomically: true, encoding: .utf8)
    }

    /// Starts listening on an ephemeral loopback port and returns the base URL.
    @discardableResult
    public func start() async throws -> String {
        if let baseURL { return baseURL }
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "switchyard.fake-kubernetes")
        logger.logLevel = .warning
        let application = Application(
            responder: FakeKubernetesResponder(store: store, log: log),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "fake-kubernetes"),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? 0)
                boundContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(services: [application], gracefulShutdownSignals: [], logger: logger)
        serviceGroup = group
        serverTask = Task { try await group.run() }
        var port = 0
        for await value in bound {
            port = value
            break
        }
        guard port > 0 else { throw KubernetesError.transport("fake API server did not start") }
        self.port = port
        return "http://127.0.0.1:\(port)"
    }

    /// Ends open watches and stops listening, letting requests in flight finish.
    public func stop() async {
        await log.releaseHung()
        await store.closeWatches()
        await serviceGroup?.triggerGracefulShutdown()
        _ = try? await serverTask?.value
        serverTask = nil
        serviceGroup = nil
        port = nil
    }

    /// The next `count` requests are answered with `status` (and `Retry-After: retryAfterSeconds` when set)
    /// instead of being handled.
    public func injectFaults(_ count: Int, status: Int, retryAfterSeconds: Int? = nil) async {
        await log.enqueue(FakeKubernetesFault(status: status, retryAfterSeconds: retryAfterSeconds), count: count)
    }

    /// The next `count` requests of `method` (nil: any; watches excepted) are handled only after `delay`, as an
    /// overloaded API server or a slow network would answer them. A client that gives up earlier sees no answer.
    public func injectDelay(_ delay: Duration, count: Int = 1, method: String? = nil) async {
        await log.enqueue(delay: delay, method: method, count: count)
    }

    /// The next `count` requests of `method` (nil: any; watches excepted) get no answer until ``releaseHung()``
    /// or ``stop()``: a request that hangs.
    public func injectHang(count: Int = 1, method: String? = nil) async {
        await log.enqueue(delay: nil, method: method, count: count)
    }

    /// Lets the hanging requests be answered.
    public func releaseHung() async {
        await log.releaseHung()
    }

    /// Drops the faults still queued: the outage is over.
    public func clearFaults() async {
        await log.clearFaults()
    }

    /// Every request received so far, in order, faulted ones included.
    public func receivedRequests() async -> [FakeKubernetesRequest] {
        await log.requests
    }

    /// Forgets the requests received so far.
    public func clearReceivedRequests() async {
        await log.clear()
    }
}
