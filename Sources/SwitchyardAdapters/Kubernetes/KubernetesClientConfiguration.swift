import Foundation

/// Where the API server is and how to authenticate to it; built from a kubeconfig or the in-cluster service account.
///
/// `description` never shows the token or key material.
public struct KubernetesClientConfiguration: Sendable, CustomStringConvertible {
    /// Base URL, e.g. `https://10.0.0.1:443` or `http://127.0.0.1:8080`.
    public var server: String
    /// The namespace of the context or service account, for callers that need a default.
    public var namespace: String
    public var credentials: KubernetesCredentials
    /// PEM bundle of the CAs to trust instead of the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// PEM client certificate (chain) and its private key, for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    /// Skips server certificate verification (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipTLSVerify: Bool

    public init(
        server: String, namespace: String = "default", credentials: KubernetesCredentials = .none,
        certificateAuthorityPEM: [UInt8]? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.namespace = namespace
        self.credentials = credentials
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
    }

    /// The pod's service account, as client-go's `InClusterConfig` reads it: `KUBERNETES_SERVICE_HOST` and
    /// `KUBERNETES_SERVICE_PORT`, and `token`, `ca.crt` and `namespace` under `serviceAccountDirectory`.
    /// The token is re-read whenever the kubelet rotates the file.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws -> KubernetesClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubernetesError.configuration("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let tokenPath = serviceAccountDirectory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubernetesError.configuration("cannot read service account token \(tokenPath)")
        }
        let caPath = serviceAccountDirectory + "/ca.crt"
        guard let ca = FileManager.default.contents(atPath: caPath) else {
            throw KubernetesError.configuration("cannot read service account CA \(caPath)")
        }
        let namespace = FileManager.default.contents(atPath: serviceAccountDirectory + "/namespace")
            .flatMap { String(data: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // IPv6 service hosts need brackets in a URL.
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return KubernetesClientConfiguration(
            server: "https://\(hostPart):\(port)", namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
            credentials: .tokenFile(tokenPath), certificateAuthorityPEM: Array(ca))
    }

    public var description: String {
        let authentication: String = switch credentials {
        case .none: clientCertificatePEM == nil ? "anonymous" : "client certificate"
        case .token: "bearer token"
        case .tokenFile(let path): "bearer token from \(path)"
        }
        return "\(server) (namespace \(namespace), \(authentication)\(insecureSkipTLSVerify ? ", TLS unverified" : ""))"
    }
}

/// How requests authenticate, besides a client certificate.
public enum KubernetesCredentials: Sendable, Hashable, CustomStringConvertible {
    case none
    case token(String)
    /// A file holding the token, re-read when it changes (projected service account tokens rotate).
    case tokenFile(String)

    public var description: String {
        switch self {
        case .none: "none"
        case .token: "token(redacted)"
        case .tokenFile(let path): "tokenFile(\(path))"
        }
    }
}
