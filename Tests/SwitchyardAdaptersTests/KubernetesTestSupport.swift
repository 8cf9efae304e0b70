import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes

/// A fake API server on loopback with a live client pointed at it, torn down after `body`.
func withFakeCluster<T>(
    retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 1),
    _ body: (FakeKubernetesAPIServer, LiveKubernetesClient) async throws -> T
) async throws -> T {
    let server = FakeKubernetesAPIServer()
    let url = try await server.start()
    let client = try LiveKubernetesClient(
        configuration: KubernetesClientConfiguration(server: url, credentials: .token("test-token")),
        retryPolicy: retryPolicy, requestTimeout: .seconds(10), watchRestartDelay: .milliseconds(20))
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

/// Waits recorded instead of slept, so retry tests run instantly and can assert on the waits.
actor RecordedSleeps {
    private(set) var durations: [Duration] = []

    func record(_ duration: Duration) {
        durations.append(duration)
    }
}

func instantRetryPolicy(maxAttempts: Int = 4, recording sleeps: RecordedSleeps) -> RetryPolicy {
    RetryPolicy(
        maxAttempts: maxAttempts, baseDelay: .milliseconds(100), maxDelay: .seconds(1), random: { 0.5 },
        sleep: { duration in await sleeps.record(duration) })
}

enum KubernetesSamples {
    static let deploymentPath = ResourcePath(group: "apps", version: "v1", resource: "deployments", namespace: "inference", name: "sd21-inf2")

    /// A Deployment as a renderer would produce it, with `replicas` and one label varying.
    static func deployment(name: String = "sd21-inf2", replicas: Int = 2, tier: String = "neuron") -> JSONValue {
        .object([
            .init("apiVersion", .string("apps/v1")),
            .init("kind", .string("Deployment")),
            .init("metadata", .object([
                .init("name", .string(name)), .init("namespace", .string("inference")),
                .init("labels", .object([.init("app", .string("sd21")), .init("switchyard.io/tier", .string(tier))])),
            ])),
            .init("spec", .object([
                .init("replicas", .integer(replicas)),
                .init("selector", .object([.init("matchLabels", .object([.init("app", .string("sd21"))]))])),
            ])),
        ])
    }

    static let nodePoolPath = ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodepools", name: "amd-neuron")

    static func nodePool(weight: Int) -> JSONValue {
        .object([
            .init("apiVersion", .string("karpenter.sh/v1")),
            .init("kind", .string("NodePool")),
            .init("metadata", .object([.init("name", .string("amd-neuron"))])),
            .init("spec", .object([.init("weight", .integer(weight))])),
        ])
    }
}

/// A self-signed P-256 certificate and its key, made once with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=switchyard-test`.
enum KubernetesPEMFixture {
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBijCCATGgAwIBAgIUSLq10FE39ddMQ5baDML671x5xmYwCgYIKoZIzj0EAwIw
        GjEYMBYGA1UEAwwPc3dpdGNoeWFyZC10ZXN0MCAXDTI2MTEyMTEwNDExOFoYDzIx
        MjYxMDI4MTA0MTE4WjAaMRgwFgYDVQQDDA9zd2l0Y2h5YXJkLXRlc3QwWTATBgcq
        hkjOPQIBBggqhkjOPQMBBwNCAARZqQDsu9XM4E58KRjrucp8CCYyS4syuViqzhnE
        arVrKb3POa5MicugKNC8ht9C8oPIYmZUBGxfzkeRnMkDhYNmo1MwUTAdBgNVHQ4E
        FgQUMTfNz+ObxGxP6ieZtqoYIarlG+kwHwYDVR0jBBgwFoAUMTfNz+ObxGxP6ieZ
        tqoYIarlG+kwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiBd+yVS
        1hfdtjIhIFtJ7dAEaZek+CZKCIOsJVyEvnk0LwIgIdobP6q8QpTBk6vvR5aCnkqc
        Rh0eUgm5KYSUAzT1vWE=
        -----END CERTIFICATE-----

        """

    static let privateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgaP3qZcrfBJqtE85E
        ytbth+9C41goacjw5CTPF0tn4EWhRANCAARZqQDsu9XM4E58KRjrucp8CCYyS4sy
        uViqzhnEarVrKb3POa5MicugKNC8ht9C8oPIYmZUBGxfzkeRnMkDhYNm
        -----END PRIVATE KEY-----

        """

    static var certificateBase64: String { Data(certificate.utf8).base64EncodedString() }
    static var privateKeyBase64: String { Data(privateKey.utf8).base64EncodedString() }
}
