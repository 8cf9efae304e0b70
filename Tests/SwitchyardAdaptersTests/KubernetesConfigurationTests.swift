import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Kubernetes client configuration: kubeconfig and in-cluster service account")
struct KubernetesConfigurationTests {
    static var kubeconfig: String {
        """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod-cluster
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(KubernetesPEMFixture.certificateBase64)
        - name: dev-cluster
          cluster:
            server: http://127.0.0.1:8080/
            insecure-skip-tls-verify: true
        users:
        - name: prod-admin
          user:
            client-certificate-data: \(KubernetesPEMFixture.certificateBase64)
            client-key-data: \(KubernetesPEMFixture.privateKeyBase64)
        - name: dev-user
          user:
            token: dev-secret-token
        - name: file-user
          user:
            tokenFile: tokens/current
        contexts:
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-admin
            namespace: inference
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
        - name: from-file
          context:
            cluster: dev-cluster
            user: file-user
        """
    }

    @Test("current-context picks the cluster, CA data, client certificate and key, and namespace")
    func currentContext() throws {
        let configuration = try KubeConfig(yaml: Self.kubeconfig).clientConfiguration()
        #expect(configuration.server == "https://10.0.0.1:6443")
        #expect(configuration.namespace == "inference")
        #expect(configuration.certificateAuthorityPEM == Array(KubernetesPEMFixture.certificate.utf8))
        #expect(configuration.clientCertificatePEM == Array(KubernetesPEMFixture.certificate.utf8))
        #expect(configuration.clientKeyPEM == Array(KubernetesPEMFixture.privateKey.utf8))
        #expect(configuration.credentials == .none)

        let tls = try #require(try configuration.makeTLSConfiguration())
        #expect(tls.certificateChain.count == 1)
        #expect(tls.privateKey != nil)
        guard case .certificates(let roots)? = tls.trustRoots else {
            Issue.record("expected the kubeconfig CA as the trust root, got \(String(describing: tls.trustRoots))")
            return
        }
        #expect(roots.count == 1)
    }

    @Test("a chosen context with a token; plain http needs no TLS; the token never shows in descriptions")
    func chosenContextWithToken() throws {
        let configuration = try KubeConfig(yaml: Self.kubeconfig).clientConfiguration(context: "dev")
        #expect(configuration.server == "http://127.0.0.1:8080")
        #expect(configuration.namespace == "default")
        #expect(configuration.credentials == .token("dev-secret-token"))
        #expect(configuration.insecureSkipTLSVerify)
        #expect(try configuration.makeTLSConfiguration() == nil)
        #expect(!configuration.description.contains("dev-secret-token"))
        #expect(!"\(configuration.credentials)".contains("dev-secret-token"))
    }

    @Test("a relative tokenFile resolves against the kubeconfig's directory")
    func tokenFileRelativeToKubeconfig() throws {
        let configuration = try KubeConfig(yaml: Self.kubeconfig, baseDirectory: "/home/ops/.kube").clientConfiguration(context: "from-file")
        #expect(configuration.credentials == .tokenFile("/home/ops/.kube/tokens/current"))
    }

    @Test("unknown contexts and malformed key material are configuration errors")
    func configurationErrors() throws {
        let config = try KubeConfig(yaml: Self.kubeconfig)
        #expect(throws: KubernetesError.self) { try config.clientConfiguration(context: "staging") }
        var broken = KubernetesClientConfiguration(server: "https://10.0.0.1")
        broken.clientCertificatePEM = Array(KubernetesPEMFixture.certificate.utf8)
        broken.clientKeyPEM = Array("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n".utf8)
        #expect(throws: KubernetesError.self) { try broken.makeTLSConfiguration() }
    }

    @Test("in-cluster configuration reads the service account and picks up a rotated token", .timeLimit(.minutes(1)))
    func inClusterWithRotatedToken() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-sa-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "first-token\n".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        try KubernetesPEMFixture.certificate.write(toFile: directory + "/ca.crt", atomically: true, encoding: .utf8)
        try "inference".write(toFile: directory + "/namespace", atomically: true, encoding: .utf8)

        let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let inCluster = try KubernetesClientConfiguration.inCluster(environment: environment, serviceAccountDirectory: directory)
        #expect(inCluster.server == "https://10.96.0.1:443")
        #expect(inCluster.namespace == "inference")
        #expect(inCluster.credentials == .tokenFile(directory + "/token"))
        #expect(inCluster.certificateAuthorityPEM == Array(KubernetesPEMFixture.certificate.utf8))
        #expect(try inCluster.makeTLSConfiguration() != nil)
        #expect(throws: KubernetesError.self) {
            try KubernetesClientConfiguration.inCluster(environment: [:], serviceAccountDirectory: directory)
        }

        // The same token file, against the fake server over plain HTTP.
        let server = FakeKubernetesAPIServer()
        var configuration = inCluster
        configuration.server = try await server.start()
        let client = try LiveKubernetesClient(configuration: configuration, retryPolicy: RetryPolicy(maxAttempts: 1))
        do {
            _ = try await client.list(KubernetesSamples.deploymentPath.collection)
            // The kubelet swaps in a new token (longer, so the change shows even within one mtime tick).
            try "second-token-rotated\n".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
            _ = try await client.list(KubernetesSamples.deploymentPath.collection)
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
        let tokens = await server.receivedRequests().map(\.authorization)
        #expect(tokens == ["Bearer first-token", "Bearer second-token-rotated"])
    }
}
