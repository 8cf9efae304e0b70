import NIOSSL

extension KubernetesClientConfiguration {
    /// The TLS settings for this server: its CA as the only trust root when given, the client certificate and
    /// key when given, verification off when asked. Nil for a plain `http://` server.
    public func makeTLSConfiguration() throws -> TLSConfiguration? {
        guard server.lowercased().hasPrefix("https://") else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(certificateAuthorityPEM))
            }
            if let clientCertificatePEM {
                guard let clientKeyPEM else {
                    throw KubernetesError.configuration("a client certificate needs its client key")
                }
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(clientCertificatePEM).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: clientKeyPEM, format: .pem))
            }
        } catch let error as KubernetesError {
            throw error
        } catch {
            // NIOSSL's error may quote the offending bytes; say only which material failed.
            throw KubernetesError.configuration("certificate or key material is not valid PEM (\(type(of: error)))")
        }
        if insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        return tls
    }
}
