import Foundation

/// Credentials from the shared credentials file: `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`,
/// profile `AWS_PROFILE` or `default`.
///
/// The file is read on every call, so an edited file takes effect without a restart.
public struct SharedCredentialsFileProvider: AWSCredentialsProvider {
    /// The file read.
    public let path: String
    /// The profile (INI section) used.
    public let profile: String
    private let profileWasChosen: Bool

    /// - Parameters:
    ///   - environment: where `AWS_SHARED_CREDENTIALS_FILE`, `AWS_PROFILE` and `HOME` come from.
    ///   - path: a file to read instead of the one the environment names.
    ///   - profile: a profile to use instead of the one the environment names.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        path: String? = nil, profile: String? = nil
    ) {
        let home = environment["HOME"].flatMap(\.trimmedNonEmpty) ?? NSHomeDirectory()
        let chosenPath = path ?? environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap(\.trimmedNonEmpty) ?? "~/.aws/credentials"
        self.path = chosenPath.hasPrefix("~/") ? home + chosenPath.dropFirst() : chosenPath
        let chosenProfile = profile ?? environment["AWS_PROFILE"].flatMap(\.trimmedNonEmpty)
        self.profile = chosenProfile ?? "default"
        self.profileWasChosen = chosenProfile != nil
    }

    public func credentials() async throws -> AWSCredentials {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AWSCredentialsError.notConfigured("no shared credentials file at \(path)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AWSCredentialsError.invalid("cannot read \(path): \(error.localizedDescription)")
        }
        guard let section = Self.parse(text)[profile] else {
            let why = "profile \(profile) not found in \(path)"
            throw profileWasChosen ? AWSCredentialsError.invalid(why) : AWSCredentialsError.notConfigured(why)
        }
        guard let keyID = section["aws_access_key_id"].flatMap(\.trimmedNonEmpty),
              let secret = section["aws_secret_access_key"].flatMap(\.trimmedNonEmpty) else {
            throw AWSCredentialsError.invalid(
                "profile \(profile) in \(path) lacks aws_access_key_id or aws_secret_access_key")
        }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret,
            sessionToken: section["aws_session_token"].flatMap(\.trimmedNonEmpty)
        )
    }

    /// The sections of an INI file, keys lower-cased; `#` and `;` start comment lines.
    public static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current]?[key] = value
        }
        return sections
    }
}
