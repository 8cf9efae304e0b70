import AsyncHTTPClient
import Foundation
import SwitchyardFakes
import Testing
@testable import SwitchyardAdapters

/// The live ELBv2 and STS clients against moto in server mode. Skipped only when moto is not installed.
@Suite("ELBv2 and STS against moto", .enabled(if: MotoServer.isInstalled, "moto is not installed: pip install 'moto[server]'"))
struct ELBv2MotoTests {
    @Test("weights pushed to a listener's default action read back exactly, including stickiness")
    func listenerWeights() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let alb = try await MotoLoadBalancer.create(on: moto, units: ["sd21-inf2", "sd21-g5", "sd21-g6"])
        let groups = alb.targetGroupARNs

        let initial = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(initial.targetGroups.map(\.targetGroupARN) == [groups[0]])

        let weighted = [
            WeightedTargetGroup(targetGroupARN: groups[0], weight: 40),
            WeightedTargetGroup(targetGroupARN: groups[1], weight: 35),
            WeightedTargetGroup(targetGroupARN: groups[2], weight: 25),
        ]
        try await alb.elbv2.setListenerForward(listenerARN: alb.listenerARN, targetGroups: weighted, stickinessSeconds: 300)
        let afterFirst = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(afterFirst == ForwardState(targetGroups: weighted, stickinessSeconds: 300))

        let failover = [
            WeightedTargetGroup(targetGroupARN: groups[0], weight: 0),
            WeightedTargetGroup(targetGroupARN: groups[1], weight: 500),
            WeightedTargetGroup(targetGroupARN: groups[2], weight: 999),
        ]
        try await alb.elbv2.setListenerForward(listenerARN: alb.listenerARN, targetGroups: failover, stickinessSeconds: nil)
        let afterSecond = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(afterSecond == ForwardState(targetGroups: failover, stickinessSeconds: nil))
    }

    @Test("weights pushed to a listener rule read back exactly")
    func ruleWeights() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let alb = try await MotoLoadBalancer.create(on: moto, units: ["sd21-inf2", "sd21-g5", "sd21-g6"])
        let groups = alb.targetGroupARNs

        let weighted = [
            WeightedTargetGroup(targetGroupARN: groups[2], weight: 60),
            WeightedTargetGroup(targetGroupARN: groups[1], weight: 40),
        ]
        try await alb.elbv2.setRuleForward(ruleARN: alb.ruleARN, targetGroups: weighted, stickinessSeconds: 120)
        let readBack = try await alb.elbv2.ruleForward(ruleARN: alb.ruleARN)
        #expect(readBack == ForwardState(targetGroups: weighted, stickinessSeconds: 120))

        // The listener's default action is untouched by a rule change.
        let listener = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(listener.targetGroups.map(\.targetGroupARN) == [groups[0]])
    }

    @Test("an unknown listener is a typed AWS error; an invalid forward is refused before sending")
    func errors() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let alb = try await MotoLoadBalancer.create(on: moto, units: ["sd21-inf2", "sd21-g5", "sd21-g6"])
        let missing = alb.listenerARN.replacingOccurrences(of: "listener/app/", with: "listener/app/x")
        let notFound = await #expect(throws: AWSError.self) {
            try await alb.elbv2.setListenerForward(
                listenerARN: missing,
                targetGroups: [WeightedTargetGroup(targetGroupARN: alb.targetGroupARNs[0], weight: 1)],
                stickinessSeconds: nil)
        }
        guard case .service(let service)? = notFound else {
            Issue.record("expected a service error, got \(String(describing: notFound))")
            return
        }
        #expect(service.code == "ListenerNotFound")
        #expect(service.statusCode == 400)

        let tooHeavy = [WeightedTargetGroup(targetGroupARN: alb.targetGroupARNs[0], weight: 1000)]
        await #expect(throws: AWSError.invalidRequest("weight 1000 of \(alb.targetGroupARNs[0]) is outside 0...999")) {
            try await alb.elbv2.setListenerForward(listenerARN: alb.listenerARN, targetGroups: tooHeavy, stickinessSeconds: nil)
        }
        // Still the listener's original forward: nothing was sent.
        let unchanged = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(unchanged.targetGroups == [WeightedTargetGroup(targetGroupARN: alb.targetGroupARNs[0], weight: 1)])
    }

    @Test("web identity credentials come from STS AssumeRoleWithWebIdentity")
    func webIdentityThroughSTS() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("moto-sts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokenFile = dir.appendingPathComponent("token").path
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6c3dpdGNoeWFyZDpzd2l0Y2h5YXJkIn0.c2ln"
            .write(toFile: tokenFile, atomically: true, encoding: .utf8)

        let chain = CredentialsProviderChain.standard(
            environment: [
                "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/switchyard",
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ENDPOINT_URL_STS": moto.endpoint.absoluteString,
                "HOME": dir.path,
            ],
            httpClient: .shared, region: MotoLoadBalancer.region)
        let keys = try await chain.credentials()
        #expect(!keys.accessKeyID.isEmpty)
        #expect(!keys.secretAccessKey.isEmpty)
        #expect(keys.sessionToken?.isEmpty == false)
        let expiration = try #require(keys.expiration)
        #expect(expiration > Date())
    }
}
