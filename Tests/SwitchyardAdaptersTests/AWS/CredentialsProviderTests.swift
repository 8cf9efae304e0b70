import Foundation
import Synchronization
import Testing
@testable import SwitchyardAdapters

@Suite("AWS credentials providers")
struct CredentialsProviderTests {
    /// A scratch directory removed when the test ends.
    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aws-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }

    static let credentialsFile = """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret

        ; another comment
        [ops]
        aws_access_key_id=AKIDOPS
        aws_secret_access_key=ops-secret
        aws_session_token=ops-token

        [broken]
        aws_access_key_id=AKIDBROKEN
        """

    @Test("environment: keys and session token; absent is notConfigured; half is invalid")
    func environment() async throws {
        let full = try await EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ]).credentials()
        #expect(full == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token"))

        await #expect(throws: AWSCredentialsError.notConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")) {
            try await EnvironmentCredentialsProvider(environment: [:]).credentials()
        }
        let half = await #expect(throws: AWSCredentialsError.self) {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIDENV"]).credentials()
        }
        guard case .invalid? = half else {
            Issue.record("expected invalid, got \(String(describing: half))")
            return
        }
    }

    @Test("shared file: default profile, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, missing and broken profiles")
    func sharedFile() async throws {
        try await Self.withDirectory { dir in
            let path = dir.appendingPathComponent("credentials").path
            try Self.credentialsFile.write(toFile: path, atomically: true, encoding: .utf8)

            let byDefault = try await SharedCredentialsFileProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": path]).credentials()
            #expect(byDefault == AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "default-secret"))

            let ops = try await SharedCredentialsFileProvider(
                environment: ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "ops"]).credentials()
            #expect(ops == AWSCredentials(accessKeyID: "AKIDOPS", secretAccessKey: "ops-secret", sessionToken: "ops-token"))

            await #expect(throws: AWSCredentialsError.invalid("profile nope not found in \(path)")) {
                try await SharedCredentialsFileProvider(
                    environment: ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "nope"]).credentials()
            }
            await #expect(throws: AWSCredentialsError.self) {
                try await SharedCredentialsFileProvider(environment: [:], path: path, profile: "broken").credentials()
            }
            let missing = dir.appendingPathComponent("absent").path
            await #expect(throws: AWSCredentialsError.notConfigured("no shared credentials file at \(missing)")) {
                try await SharedCredentialsFileProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": missing]).credentials()
            }
        }
    }

    @Test("shared file defaults to ~/.aws/credentials under HOME")
    func sharedFileDefaultPath() {
        let provider = SharedCredentialsFileProvider(environment: ["HOME": "/home/someone"])
        #expect(provider.path == "/home/someone/.aws/credentials")
        #expect(provider.profile == "default")
    }

    @Test("descriptions never show the secret or the token")
    func redaction() {
        let keys = AWSCredentials(
            accessKeyID: "AKIDVISIBLE", secretAccessKey: "very-secret-value", sessionToken: "very-secret-token",
            expiration: Date(timeIntervalSince1970: 0))
        var dumped = ""
        dump(keys, to: &dumped)
        for text in ["\(keys)", String(describing: keys), String(reflecting: keys), dumped] {
            #expect(text.contains("AKIDVISIBLE"))
            #expect(!text.contains("very-secret"))
        }
    }

    @Test("chain: skips sources that are not configured, in order web identity, environment, file")
    func chainOrder() async throws {
        try await Self.withDirectory { dir in
            let path = dir.appendingPathComponent("credentials").path
            try Self.credentialsFile.write(toFile: path, atomically: true, encoding: .utf8)
            var environment = ["AWS_SHARED_CREDENTIALS_FILE": path, "HOME": dir.path]

            let fromFile = try await CredentialsProviderChain.standard(
                environment: environment, httpClient: .shared, region: "us-west-2").credentials()
            #expect(fromFile.accessKeyID == "AKIDDEFAULT")

            environment["AWS_ACCESS_KEY_ID"] = "AKIDENV"
            environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
            let fromEnvironment = try await CredentialsProviderChain.standard(
                environment: environment, httpClient: .shared, region: "us-west-2").credentials()
            #expect(fromEnvironment.accessKeyID == "AKIDENV")

            let tokenFile = dir.appendingPathComponent("token").path
            try "jwt".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let webIdentity = WebIdentityCredentialsProvider(
                configuration: .init(roleARN: "arn:aws:iam::123456789012:role/r", tokenFile: tokenFile)
            ) { _, _, _ in AWSCredentials(accessKeyID: "ASIAWEB", secretAccessKey: "s", sessionToken: "t") }
            let chain = CredentialsProviderChain(providers: [
                webIdentity, EnvironmentCredentialsProvider(environment: environment),
            ])
            #expect(try await chain.credentials().accessKeyID == "ASIAWEB")
        }
    }

    @Test("chain: nothing configured lists every source; a broken source stops the chain")
    func chainFailures() async throws {
        let empty = CredentialsProviderChain.standard(
            environment: ["HOME": "/nonexistent-home"], httpClient: .shared, region: "us-west-2")
        let none = await #expect(throws: AWSCredentialsError.self) { try await empty.credentials() }
        guard case .noneFound(let tried)? = none else {
            Issue.record("expected noneFound, got \(String(describing: none))")
            return
        }
        #expect(tried.count == 3)

        let broken = CredentialsProviderChain(providers: [
            EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIDHALF"]),
            StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDNEVER", secretAccessKey: "s")),
        ])
        await #expect(throws: AWSCredentialsError.self) { try await broken.credentials() }
    }
}

@Suite("WebIdentityCredentialsProvider")
struct WebIdentityCredentialsProviderTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    /// Hands out credentials valid for one hour from the clock's now, remembering each exchange.
    final class FakeSTS: Sendable {
        let clock: ManualClock
        private let exchanges = Mutex<[(role: String, session: String, token: String)]>([])
        init(clock: ManualClock) { self.clock = clock }
        var calls: [(role: String, session: String, token: String)] { exchanges.withLock { $0 } }

        func exchange(role: String, session: String, token: String) async throws -> AWSCredentials {
            let number = exchanges.withLock { list in
                list.append((role, session, token))
                return list.count
            }
            return AWSCredentials(
                accessKeyID: "ASIA\(number)", secretAccessKey: "secret-\(number)", sessionToken: "token-\(number)",
                expiration: clock.now.addingTimeInterval(3600))
        }
    }

    @Test("credentials are cached until the refresh margin before expiry, and the token file is re-read")
    func cachingAndTokenRotation() async throws {
        try await CredentialsProviderTests.withDirectory { dir in
            let tokenFile = dir.appendingPathComponent("token").path
            try "token-one\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let clock = ManualClock()
            let sts = FakeSTS(clock: clock)
            let provider = WebIdentityCredentialsProvider(
                configuration: .init(environment: [
                    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/switchyard",
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                    "AWS_ROLE_SESSION_NAME": "sy-test",
                ]),
                refreshMargin: .seconds(300), now: { clock.now }, exchange: sts.exchange
            )

            let first = try await provider.credentials()
            #expect(first.accessKeyID == "ASIA1")
            clock.advance(seconds: 3000) // 10 minutes left: still inside the hour, outside the margin
            #expect(try await provider.credentials() == first)
            #expect(sts.calls.count == 1)

            try "token-two".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            clock.advance(seconds: 400) // 3 minutes 20 s left: inside the 5-minute margin
            let second = try await provider.credentials()
            #expect(second.accessKeyID == "ASIA2")
            #expect(sts.calls.map(\.token) == ["token-one", "token-two"])
            #expect(sts.calls.allSatisfy { $0.role == "arn:aws:iam::123456789012:role/switchyard" && $0.session == "sy-test" })
        }
    }

    @Test("concurrent callers share one exchange")
    func concurrentCallersShareOneExchange() async throws {
        try await CredentialsProviderTests.withDirectory { dir in
            let tokenFile = dir.appendingPathComponent("token").path
            try "jwt".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let clock = ManualClock()
            let sts = FakeSTS(clock: clock)
            let provider = WebIdentityCredentialsProvider(
                configuration: .init(roleARN: "arn:aws:iam::1:role/r", tokenFile: tokenFile),
                now: { clock.now }
            ) { role, session, token in
                try await Task.sleep(for: .milliseconds(50))
                return try await sts.exchange(role: role, session: session, token: token)
            }
            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await provider.credentials().accessKeyID } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(keys == ["ASIA1"])
            #expect(sts.calls.count == 1)
        }
    }

    @Test("missing configuration is notConfigured; an unreadable token file is invalid")
    func misconfiguration() async {
        #expect(WebIdentityCredentialsProvider.Configuration(environment: ["AWS_ROLE_ARN": "arn"]) == nil)
        let unconfigured = WebIdentityCredentialsProvider(configuration: nil) { _, _, _ in
            AWSCredentials(accessKeyID: "x", secretAccessKey: "y")
        }
        let notConfigured = await #expect(throws: AWSCredentialsError.self) { try await unconfigured.credentials() }
        guard case .notConfigured? = notConfigured else {
            Issue.record("expected notConfigured, got \(String(describing: notConfigured))")
            return
        }
        let missingFile = WebIdentityCredentialsProvider(
            configuration: .init(roleARN: "arn", tokenFile: "/nonexistent/token")
        ) { _, _, _ in AWSCredentials(accessKeyID: "x", secretAccessKey: "y") }
        await #expect(throws: AWSCredentialsError.invalid("cannot read web identity token file /nonexistent/token")) {
            try await missingFile.credentials()
        }
    }
}

@Suite("AWSEnvironment")
struct AWSEnvironmentTests {
    @Test("region and endpoint overrides follow the AWS SDK variable names")
    func lookups() {
        let specific = AWSEnvironment([
            "AWS_DEFAULT_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:5001",
        ])
        #expect(specific.region == "eu-west-1")
        #expect(specific.stsEndpoint?.absoluteString == "http://127.0.0.1:5001")
        #expect(specific.elbv2Endpoint?.absoluteString == "http://127.0.0.1:5000")
        #expect(AWSEnvironment(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "eu-west-1"]).region == "us-west-2")
        #expect(AWSEnvironment([:]).region == nil)
        #expect(AWSEnvironment([:]).elbv2Endpoint == nil)
    }
}
