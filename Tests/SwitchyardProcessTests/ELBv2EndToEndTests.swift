import Foundation
import SwitchyardFakes
import Testing

/// Issue 5's end to end: the real binary pushes the demo fleet's plan to an ALB listener in moto over the
/// ELBv2 API; `aws elbv2 describe-listeners` shows exactly the plan's weights; a hand edit is put back by
/// drift correction and audited.
@Suite(
    "Process: POST /v1/apply to an ALB in moto, checked with the aws CLI",
    .serialized, .enabled(if: MotoServer.isInstalled && AWSCLI.isInstalled, "needs moto_server and the aws CLI"))
struct ELBv2EndToEndTests {
    let adminToken = "sy_process_test_admin_secret_elbv2"

    @Test("apply sets the plan's weights; a hand edit is corrected and audited as drift")
    func applyAndCorrectDrift() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let aws = AWSCLI(endpoint: moto.endpoint)
        let units = ["sd21-g5-cuda", "sd21-g5-triton", "sd21-g6-triton", "sd21-inf2", "sd21-trn1"]

        // An ALB with a target group per unit and a listener, as a platform team would have made it.
        let vpc = try #require((try await aws.run(["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"] as? String)
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            let subnet = try await aws.run(["ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.\(index).0/24", "--availability-zone", zone])
            subnets.append(try #require((subnet["Subnet"] as? [String: Any])?["SubnetId"] as? String))
        }
        let balancer = try await aws.run(["elbv2", "create-load-balancer", "--name", "sd21", "--subnets"] + subnets)
        let balancerARN = try #require(((balancer["LoadBalancers"] as? [[String: Any]])?.first)?["LoadBalancerArn"] as? String)
        var groups: [String: String] = [:]
        for unit in units {
            let group = try await aws.run([
                "elbv2", "create-target-group", "--name", unit, "--protocol", "HTTP", "--port", "80", "--vpc-id", vpc,
                "--target-type", "ip",
            ])
            groups[unit] = try #require(((group["TargetGroups"] as? [[String: Any]])?.first)?["TargetGroupArn"] as? String)
        }
        let listener = try await aws.run([
            "elbv2", "create-listener", "--load-balancer-arn", balancerARN, "--protocol", "HTTP", "--port", "80",
            "--default-actions", "Type=forward,TargetGroupArn=\(groups["sd21-inf2"]!)",
        ])
        let listenerARN = try #require(((listener["Listeners"] as? [[String: Any]])?.first)?["ListenerArn"] as? String)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-elbv2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var environment = AWSCLI.environment
        environment["AWS_ENDPOINT_URL"] = moto.endpoint.absoluteString
        let service = try await ServiceProcess(
            databasePath: directory.appendingPathComponent("switchyard.db").path, adminToken: adminToken,
            extraArguments: ["--demo", "--elbv2", "--drift-interval", "1", "--push-dir", directory.appendingPathComponent("out").path],
            environment: environment)
        defer { _ = service.terminate() }

        // Point the demo's units at their target groups and the model at the listener.
        for unit in units {
            let (data, status) = try await service.request("GET", "/v1/units/\(unit)")
            #expect(status == 200)
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            object["targetGroupARN"] = groups[unit]
            let (_, put) = try await service.request("PUT", "/v1/units/\(unit)", body: try JSONSerialization.data(withJSONObject: object))
            #expect(put == 200)
        }
        let (modelData, _) = try await service.request("GET", "/v1/models/sd21")
        var model = try #require(try JSONSerialization.jsonObject(with: modelData) as? [String: Any])
        var routing = model["routing"] as? [String: Any] ?? [:]
        routing["applier"] = "elbv2"
        routing["listenerARN"] = listenerARN
        model["routing"] = routing
        let (_, putModel) = try await service.request("PUT", "/v1/models/sd21", body: try JSONSerialization.data(withJSONObject: model))
        #expect(putModel == 200, "log:\n\(service.log())")

        let (applyData, applied) = try await service.request("POST", "/v1/apply")
        #expect(applied == 200, "\(String(decoding: applyData, as: UTF8.self))")
        let report = try JSONSerialization.jsonObject(with: applyData) as? [String: Any]
        #expect(report?["succeeded"] as? Bool == true, "\(String(decoding: applyData, as: UTF8.self))")

        let (planData, _) = try await service.request("GET", "/v1/models/sd21/plan")
        let plan = try #require(try JSONSerialization.jsonObject(with: planData) as? [String: Any])
        let planned = Dictionary(uniqueKeysWithValues: (plan["entries"] as? [[String: Any]] ?? []).map {
            (groups[$0["unit"] as! String]!, $0["weight"] as! Int)
        })
        #expect(planned.count == 5)
        #expect(try await aws.listenerWeights(listenerARN) == planned)

        // Someone edits the listener by hand: all traffic to g5-cuda.
        let handEdit = "Type=forward,ForwardConfig={TargetGroups=[{TargetGroupArn=\(groups["sd21-g5-cuda"]!),Weight=100}]}"
        // Drift correction runs every second, so the edit may already be undone by the time a read could see it;
        // the audit event below is the proof that it was seen.
        _ = try await aws.run(["elbv2", "modify-listener", "--listener-arn", listenerARN, "--default-actions", handEdit])

        let deadline = ContinuousClock.now + .seconds(30)
        var restored = false
        while ContinuousClock.now < deadline, !restored {
            try await Task.sleep(for: .milliseconds(500))
            restored = try await aws.listenerWeights(listenerARN) == planned
        }
        #expect(restored, "log:\n\(service.log())")

        let (auditData, _) = try await service.request("GET", "/v1/audit?kind=push&name=elbv2")
        let events = (try JSONSerialization.jsonObject(with: auditData) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let drift = try #require(events.first { $0["action"] as? String == "drift-corrected" })
        // The event carries the live (hand-edited) value and the restored one.
        let live = (drift["before"] as? [String: Any])?["TargetGroups"] as? [[String: Any]] ?? []
        #expect(live.count == 1)
        #expect(live.first?["TargetGroupArn"] as? String == groups["sd21-g5-cuda"])
        #expect(live.first?["Weight"] as? Int == 100)
        let put = (drift["after"] as? [String: Any])?["TargetGroups"] as? [[String: Any]] ?? []
        #expect(Dictionary(uniqueKeysWithValues: put.map { ($0["TargetGroupArn"] as! String, $0["Weight"] as! Int) }) == planned)
    }
}
