import Foundation
import Yams

/// A kubeconfig file (`~/.kube/config`): clusters, users and the contexts pairing them.
public struct KubeConfig: Sendable, Hashable, Decodable {
    public var clusters: [NamedCluster]
    public var users: [NamedUser]
    public var contexts: [NamedContext]
    public var currentContext: String?
    /// Relative file references (`certificate-authority`, `tokenFile`, ...) resolve against this directory,
    /// as kubectl resolves them against the kubeconfig's own directory.
    public var baseDirectory: String?

    public struct NamedCluster: Sendable, Hashable, Decodable {
        public var name: String
        public var cluster: Cluster
    }

    public struct Cluster: Sendable, Hashable, Decodable {
        public var server: String
        public var certificateAuthorityData: String?
        public var certificateAuthority: String?
        public var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthorityData = "certificate-authority-data"
            case certificateAuthority = "certificate-authority"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    public struct NamedUser: Sendable, Hashable, Decodable {
        public var name: String
        public var user: User
    }

    public struct User: Sendable, Hashable, Decodable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificateData: String?
        public var clientCertificate: String?
        public var clientKeyData: String?
        public var clientKey: String?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile
            case tokenFileDashed = "token-file"
            case clientCertificateData = "client-certificate-data"
            case clientCertificate = "client-certificate"
            case clientKeyData = "client-key-data"
            case clientKey = "client-key"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            token = try container.decodeIfPresent(String.self, forKey: .token)
            tokenFile = try container.decodeIfPresent(String.self, forKey: .tokenFile)
                ?? container.decodeIfPresent(String.self, forKey: .tokenFileDashed)
            clientCertificateData = try container.decodeIfPresent(String.self, forKey: .clientCertificateData)
            clientCertificate = try container.decodeIfPresent(String.self, forKey: .clientCertificate)
            clientKeyData = try container.decodeIfPresent(String.self, forKey: .clientKeyData)
            clientKey = try container.decodeIfPresent(String.self, forKey: .clientKey)
        }
    }

    public struct NamedContext: Sendable, Hashable, Decodable {
        public var name: String
        public var context: Context
    }

    public struct Context: Sendable, Hashable, Decodable {
        public var cluster: String
        public var user: String?
        public var namespace: String?
    }

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext)
        baseDirectory = nil
    }

    /// Parses kubeconfig YAML; `baseDirectory` anchors relative file references.
    public init(yaml: String, baseDirectory: String? = nil) throws {
        do {
            self = try YAMLDecoder().decode(KubeConfig.self, from: yaml)
        } catch {
            throw KubernetesError.configuration("kubeconfig is not readable: \(error)")
        }
        self.baseDirectory = baseDirectory
    }

    /// Reads and parses the kubeconfig at `path`.
    public static func load(path: String) throws -> KubeConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw KubernetesError.configuration("cannot read kubeconfig \(path)")
        }
        return try KubeConfig(yaml: text, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    /// The client configuration of `context`, or of `current-context` when nil.
    public func clientConfiguration(context contextName: String? = nil) throws -> KubernetesClientConfiguration {
        guard let contextName = contextName ?? currentContext else {
            throw KubernetesError.configuration("kubeconfig names no current-context and none was chosen")
        }
        guard let context = contexts.first(where: { $0.name == contextName })?.context else {
            throw KubernetesError.configuration("kubeconfig has no context \(contextName)")
        }
        guard let cluster = clusters.first(where: { $0.name == context.cluster })?.cluster else {
            throw KubernetesError.configuration("kubeconfig context \(contextName) names unknown cluster \(context.cluster)")
        }
        let user: User?
        if let userName = context.user {
            guard let found = users.first(where: { $0.name == userName })?.user else {
                throw KubernetesError.configuration("kubeconfig context \(contextName) names unknown user \(userName)")
            }
            user = found
        } else {
            user = nil
        }

        var configuration = KubernetesClientConfiguration(server: cluster.server, namespace: context.namespace ?? "default")
        configuration.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        configuration.certificateAuthorityPEM = try material(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, what: "certificate-authority")
        if let user {
            configuration.clientCertificatePEM = try material(data: user.clientCertificateData, file: user.clientCertificate, what: "client-certificate")
            configuration.clientKeyPEM = try material(data: user.clientKeyData, file: user.clientKey, what: "client-key")
            if let token = user.token {
                configuration.credentials = .token(token)
            } else if let tokenFile = user.tokenFile {
                configuration.credentials = .tokenFile(resolve(tokenFile))
            }
        }
        return configuration
    }

    /// Inline base64 data wins over a file reference, as in kubectl.
    private func material(data: String?, file: String?, what: String) throws -> [UInt8]? {
        if let data {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubernetesError.configuration("kubeconfig \(what)-data is not base64")
            }
            return Array(decoded)
        }
        if let file {
            let path = resolve(file)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubernetesError.configuration("cannot read \(what) file \(path)")
            }
            return Array(contents)
        }
        return nil
    }

    private func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let baseDirectory else { return path }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }
}
