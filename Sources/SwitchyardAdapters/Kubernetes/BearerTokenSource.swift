import Foundation

/// Supplies the bearer token for each request; a token file is re-read when its modification time or size
/// changes, so a rotated service account token is picked up without a restart.
actor BearerTokenSource {
    private let credentials: KubernetesCredentials
    private var cached: (token: String, modified: Date?, size: Int?)?

    init(_ credentials: KubernetesCredentials) {
        self.credentials = credentials
    }

    /// The current token, or nil when requests go without one.
    func token() throws -> String? {
        switch credentials {
        case .none:
            return nil
        case .token(let token):
            return token
        case .tokenFile(let path):
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = attributes?[.modificationDate] as? Date
            let size = (attributes?[.size] as? NSNumber)?.intValue
            if let cached, cached.modified == modified, cached.size == size, modified != nil {
                return cached.token
            }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8)
            else {
                throw KubernetesError.configuration("cannot read token file \(path)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            cached = (token, modified, size)
            return token
        }
    }
}
