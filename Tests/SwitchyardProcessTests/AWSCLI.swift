import Foundation

/// The `aws` command line against a moto endpoint: how an operator would look at (and edit) the load balancer.
struct AWSCLI {
    let endpoint: URL

    static var isInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/aws") }
    }

    static let environment: [String: String] = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_REGION": "us-west-2",
    ]

    /// Runs `aws ARGS --endpoint-url … --output json` and answers the parsed JSON. The CLI takes about a second;
    /// it runs on a Dispatch thread so the cooperative pool keeps serving the other tests meanwhile.
    func run(_ arguments: [String]) async throws -> [String: Any] {
        let data = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments) })
            }
        }
        guard !data.isEmpty else { return [:] }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    private func runBlocking(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws"] + arguments + ["--endpoint-url", endpoint.absoluteString, "--output", "json"]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSCLIError.failed(arguments.joined(separator: " "), String(decoding: problem, as: UTF8.self))
        }
        return data
    }

    /// The listener's forward weights by target group ARN, as `aws elbv2 describe-listeners` shows them.
    func listenerWeights(_ listenerARN: String) async throws -> [String: Int] {
        let listeners = try await run(["elbv2", "describe-listeners", "--listener-arns", listenerARN])["Listeners"] as? [[String: Any]]
        let actions = listeners?.first?["DefaultActions"] as? [[String: Any]] ?? []
        let forward = actions.first?["ForwardConfig"] as? [String: Any]
        let groups = forward?["TargetGroups"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: groups.compactMap { group in
            guard let arn = group["TargetGroupArn"] as? String else { return nil }
            return (arn, group["Weight"] as? Int ?? 0)
        })
    }
}

enum AWSCLIError: Error, CustomStringConvertible {
    case failed(String, String)

    var description: String {
        switch self {
        case .failed(let command, let stderr): "aws \(command) failed: \(stderr)"
        }
    }
}
