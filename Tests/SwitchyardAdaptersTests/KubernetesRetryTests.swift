import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Kubernetes client retries against the fake API server")
struct KubernetesRetryTests {
    @Test("a 500 is retried and the request then succeeds")
    func serverErrorThenSuccess() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeCluster(retryPolicy: instantRetryPolicy(recording: sleeps)) { server, client in
            await server.injectFaults(1, status: 500)
            let applied = try await client.apply(KubernetesSamples.deployment(), at: KubernetesSamples.deploymentPath)
            #expect(applied["spec"]?["replicas"] == .integer(2))
            #expect(await server.receivedRequests().count == 2)
            // Backoff with the jitter fixed at one half of the 100 ms base.
            #expect(await sleeps.durations == [.milliseconds(50)])
        }
    }

    @Test("a 429 waits for its Retry-After before retrying")
    func tooManyRequestsHonoursRetryAfter() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeCluster(retryPolicy: instantRetryPolicy(recording: sleeps)) { server, client in
            _ = try await client.apply(KubernetesSamples.deployment(), at: KubernetesSamples.deploymentPath)
            await server.injectFaults(2, status: 429, retryAfterSeconds: 3)
            let fetched = try await client.get(KubernetesSamples.deploymentPath)
            #expect(fetched["metadata"]?["name"] == .string("sd21-inf2"))
            #expect(await sleeps.durations == [.seconds(3), .seconds(3)])
        }
    }

    @Test("persistent 503s give up after the policy's attempts with a server error")
    func persistentFailureGivesUp() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeCluster(retryPolicy: instantRetryPolicy(maxAttempts: 3, recording: sleeps)) { server, client in
            await server.injectFaults(5, status: 503)
            let error = await #expect(throws: KubernetesError.self) {
                try await client.get(KubernetesSamples.deploymentPath)
            }
            guard case .server(let status, _)? = error else {
                Issue.record("expected a server error, got \(String(describing: error))")
                return
            }
            #expect(status == 503)
            #expect(await server.receivedRequests().count == 3)
        }
    }

    @Test("4xx answers other than 429 are not retried")
    func clientErrorsAreNotRetried() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeCluster(retryPolicy: instantRetryPolicy(recording: sleeps)) { server, client in
            await #expect(throws: KubernetesError.self) { try await client.get(KubernetesSamples.deploymentPath) }
            await server.injectFaults(1, status: 403)
            let error = await #expect(throws: KubernetesError.self) { try await client.list(KubernetesSamples.deploymentPath.collection) }
            guard case .forbidden? = error else {
                Issue.record("expected forbidden, got \(String(describing: error))")
                return
            }
            #expect(await server.receivedRequests().count == 2)
            #expect(await sleeps.durations.isEmpty)
        }
    }

    @Test("a refused connection is a transport error and is retried")
    func connectionRefusedIsRetried() async throws {
        let sleeps = RecordedSleeps()
        let server = FakeKubernetesAPIServer()
        let url = try await server.start()
        await server.stop()
        let client = try LiveKubernetesClient(
            configuration: KubernetesClientConfiguration(server: url), retryPolicy: instantRetryPolicy(maxAttempts: 2, recording: sleeps),
            connectTimeout: .milliseconds(300))
        let error = await #expect(throws: KubernetesError.self) { try await client.get(KubernetesSamples.deploymentPath) }
        try await client.shutdown()
        guard case .transport? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(await sleeps.durations.count == 1)
    }
}
