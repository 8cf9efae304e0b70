import AsyncHTTPClient
import Foundation
import Testing
@testable import SwitchyardAdapters

/// The retry policy driven through the real AWS Query client against a loopback server that
/// answers as scripted.
@Suite("Retry over HTTP")
struct RetryOverHTTPTests {
    static let ok = ScriptedHTTPServer.Reply(
        status: 200,
        body: "<DescribeListenersResponse><DescribeListenersResult><Listeners/></DescribeListenersResult></DescribeListenersResponse>"
    )

    static func error(_ status: Int, code: String, headers: [String: String] = [:]) -> ScriptedHTTPServer.Reply {
        ScriptedHTTPServer.Reply(
            status: status, headers: headers,
            body: "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>scripted \(code)</Message>"
                + "</Error><RequestId>req-\(status)</RequestId></ErrorResponse>"
        )
    }

    /// - Parameter timeout: bounds each attempt; AsyncHTTPClient keeps retrying a refused connect until then.
    static func client(_ url: URL, _ policy: RetryPolicy, timeout: Duration = .seconds(10)) -> AWSQueryClient {
        AWSQueryClient(
            httpClient: .shared, endpoint: url, region: "us-west-2", signingName: "elasticloadbalancing",
            apiVersion: "2015-12-01",
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret")),
            retryPolicy: policy, timeout: timeout
        )
    }

    @Test("5xx then success is retried, and every attempt is a signed form POST")
    func serverErrorThenSuccess() async throws {
        let sleeps = SleepRecorder()
        let received = try await ScriptedHTTPServer.with([Self.error(500, code: "InternalFailure"), Self.error(503, code: "ServiceUnavailable"), Self.ok]) { url, server in
            let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), random: { 0.5 }, sleep: sleeps.sleep)
            let answer = try await Self.client(url, policy).call("DescribeListeners", ["ListenerArns.member.1": "arn:x"])
            #expect(answer.name == "DescribeListenersResponse")
            return server.received
        }
        #expect(received.count == 3)
        #expect(sleeps.recorded == [.milliseconds(50), .milliseconds(100)])
        for request in received {
            #expect(request.method == "POST")
            #expect(request.headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(request.body == "Action=DescribeListeners&ListenerArns.member.1=arn%3Ax&Version=2015-12-01")
            let authorization = try #require(request.headers["authorization"])
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/"))
            #expect(authorization.contains("/us-west-2/elasticloadbalancing/aws4_request"))
            #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-date,"))
            #expect(request.headers["x-amz-date"]?.count == 16)
        }
    }

    @Test("429 with Retry-After waits exactly that long")
    func throttledWithRetryAfter() async throws {
        let sleeps = SleepRecorder()
        let count = try await ScriptedHTTPServer.with([Self.error(429, code: "Throttling", headers: ["Retry-After": "7"]), Self.ok]) { url, server in
            let policy = RetryPolicy(maxAttempts: 3, random: { 0.5 }, sleep: sleeps.sleep)
            _ = try await Self.client(url, policy).call("DescribeListeners")
            return server.received.count
        }
        #expect(count == 2)
        #expect(sleeps.recorded == [.seconds(7)])
    }

    @Test("400 is not retried and carries AWS's code and message")
    func clientErrorIsNotRetried() async throws {
        let sleeps = SleepRecorder()
        let (count, thrown) = try await ScriptedHTTPServer.with([Self.error(400, code: "ValidationError"), Self.ok]) { url, server in
            let policy = RetryPolicy(maxAttempts: 5, sleep: sleeps.sleep)
            let error = await #expect(throws: AWSError.self) {
                try await Self.client(url, policy).call("ModifyListener")
            }
            return (server.received.count, error)
        }
        #expect(count == 1)
        #expect(sleeps.recorded.isEmpty)
        guard case .service(let service)? = thrown else {
            Issue.record("expected a service error, got \(String(describing: thrown))")
            return
        }
        #expect(service.statusCode == 400)
        #expect(service.code == "ValidationError")
        #expect(service.message == "scripted ValidationError")
        #expect(service.requestID == "req-400")
        #expect(service.region == "us-west-2")
    }

    @Test("a persistent 5xx stops after maxAttempts with the last error")
    func attemptsAreCapped() async throws {
        let sleeps = SleepRecorder()
        let (count, thrown) = try await ScriptedHTTPServer.with([Self.error(502, code: "BadGateway")]) { url, server in
            let policy = RetryPolicy(maxAttempts: 3, sleep: sleeps.sleep)
            let error = await #expect(throws: AWSError.self) {
                try await Self.client(url, policy).call("DescribeRules")
            }
            return (server.received.count, error)
        }
        #expect(count == 3)
        #expect(sleeps.recorded.count == 2)
        #expect(thrown?.code == "BadGateway")
    }

    @Test("a refused connection is retried, then reported as a connection error")
    func connectionRefused() async throws {
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: 2, sleep: sleeps.sleep)
        // Port 9 (discard) has no listener on loopback here, so the connection is refused.
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(URL(string: "http://127.0.0.1:9/")!, policy, timeout: .milliseconds(500))
                .call("DescribeListeners")
        }
        guard case .connection(let action, _, _)? = error else {
            Issue.record("expected a connection error, got \(String(describing: error))")
            return
        }
        #expect(action == "DescribeListeners")
        #expect(sleeps.recorded.count == 1)
    }
}
