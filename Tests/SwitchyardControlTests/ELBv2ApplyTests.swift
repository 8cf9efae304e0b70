import Foundation
import SwitchyardFakes
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Apply through the ELBv2 applier")
struct ELBv2ApplyTests {
    @Test("the listener's weighted forward is set to the plan's weights; re-applying sends nothing")
    func inMemoryListener() async throws {
        let fleet = ControlFixtures.fleet(applier: .elbv2)
        let database = try await ControlFixtures.database(fleet)
        let loadBalancer = InMemoryLoadBalancer()
        await loadBalancer.putListener(ControlFixtures.listenerARN)
        let service = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: loadBalancer)])

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.succeeded)
        #expect(report.pushes.map(\.target) == [.elbv2])
        #expect(report.pushes[0].outcomes.map(\.key) == [ControlFixtures.listenerARN])
        let expected = try ControlFixtures.planWeights(try await service.desiredState(), fleet: fleet)
        #expect(expected.count == fleet.units.count)
        let live = try await loadBalancer.listenerForward(listenerARN: ControlFixtures.listenerARN)
        #expect(Dictionary(uniqueKeysWithValues: live.targetGroups.map { ($0.targetGroupARN, $0.weight) }) == expected)
        #expect(live.stickinessSeconds == DemoFleet.model.routing.stickinessSeconds)

        let again = try await service.apply(context: ControlFixtures.context)
        #expect(again.pushes.isEmpty)
        #expect(await loadBalancer.writes.count == 1)
    }

    @Test("a model with a rule ARN gets its weights on the rule, and the listener is left alone")
    func inMemoryRule() async throws {
        let ruleARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/sd21/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"
        var fleet = ControlFixtures.fleet(applier: .elbv2)
        fleet.models[0].routing.ruleARN = ruleARN
        let database = try await ControlFixtures.database(fleet)
        let loadBalancer = InMemoryLoadBalancer()
        await loadBalancer.putListener(ControlFixtures.listenerARN)
        await loadBalancer.putRule(ruleARN)
        let service = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: loadBalancer)])

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.pushes.flatMap(\.outcomes) == [PushOutcome.success(ruleARN)])
        let expected = try ControlFixtures.planWeights(try await service.desiredState(), fleet: fleet)
        let rule = try await loadBalancer.ruleForward(ruleARN: ruleARN)
        #expect(Dictionary(uniqueKeysWithValues: rule.targetGroups.map { ($0.targetGroupARN, $0.weight) }) == expected)
        #expect(try await loadBalancer.listenerForward(listenerARN: ControlFixtures.listenerARN).targetGroups.isEmpty)
        #expect(try await database.appliedObjects(target: "elbv2").map(\.key) == [ruleARN])
    }

    @Test("a missing listener is an audited failure and nothing is recorded as applied")
    func missingListener() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .elbv2))
        let service = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: InMemoryLoadBalancer())])
        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.failures.map(\.key) == [ControlFixtures.listenerARN])
        #expect(report.failures.first?.error?.contains("ListenerNotFound") == true)
        #expect(try await database.appliedObjects(target: "elbv2").isEmpty)
        #expect(try await ControlFixtures.pushEvents(database).map(\.action) == [.applyFailed])
    }

    @Test("weights changed behind Switchyard's back are restored by one drift pass and audited")
    func inMemoryDrift() async throws {
        let fleet = ControlFixtures.fleet(applier: .elbv2)
        let database = try await ControlFixtures.database(fleet)
        let loadBalancer = InMemoryLoadBalancer()
        await loadBalancer.putListener(ControlFixtures.listenerARN)
        let service = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: loadBalancer)])
        _ = try await service.apply(context: ControlFixtures.context)
        let applied = try await loadBalancer.listenerForward(listenerARN: ControlFixtures.listenerARN)

        let handEdited = ForwardState(targetGroups: applied.targetGroups.map { WeightedTargetGroup(targetGroupARN: $0.targetGroupARN, weight: 1) })
        await loadBalancer.putListener(ControlFixtures.listenerARN, handEdited)
        let report = try await DriftCorrector(applyService: service).correctOnce()
        #expect(report.checked == 1)
        let correction = try #require(report.corrections.first)
        #expect(correction.restoredSuccessfully)
        #expect(correction.fields.contains { $0.hasSuffix(".Weight") })
        #expect(correction.fields.contains { $0.contains("TargetGroupStickinessConfig") })
        #expect(try await loadBalancer.listenerForward(listenerARN: ControlFixtures.listenerARN) == applied)

        let event = try #require(try await ControlFixtures.pushEvents(database).last)
        #expect(event.action == .driftCorrected)
        #expect(event.name == "elbv2")
        #expect(event.actor == "system")
        let before = try #require(event.before.flatMap { try? ManifestSerializer.documents(from: $0).first })
        let after = try #require(event.after.flatMap { try? ManifestSerializer.documents(from: $0).first })
        #expect(before["TargetGroups"]?[0]?["Weight"] == .integer(1))
        #expect(after.isSemanticallyEqual(to: correction.restored), "\(after)")
        #expect(event.reason?.contains(ControlFixtures.listenerARN) == true)
    }
}

@Suite("Apply through the ELBv2 applier against moto", .enabled(if: MotoServer.isInstalled, "moto is not installed: pip install 'moto[server]'"))
struct ELBv2MotoApplyTests {
    @Test("apply sets the listener to the plan's weights as DescribeListeners reports them; a hand edit is corrected as drift")
    func listenerWeightsAndDrift() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let alb = try await MotoLoadBalancer.create(on: moto, units: DemoFleet.units.map(\.name))
        let fleet = ControlFixtures.fleet(applier: .elbv2, listenerARN: alb.listenerARN, targetGroupARNs: alb.targetGroups)
        let database = try await ControlFixtures.database(fleet)
        let service = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: alb.elbv2)])

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.succeeded)
        let expected = try ControlFixtures.planWeights(try await service.desiredState(), fleet: fleet)
        #expect(Set(expected.keys) == Set(alb.targetGroups.values))
        // Read back with DescribeListeners, independently of the applier.
        let live = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(Dictionary(uniqueKeysWithValues: live.targetGroups.map { ($0.targetGroupARN, $0.weight) }) == expected)
        #expect(live.stickinessSeconds == DemoFleet.model.routing.stickinessSeconds)
        #expect(try await service.diff().isEmpty)

        // Someone edits the ALB by hand: everything to one target group.
        let hand = live.targetGroups.enumerated().map { index, group in
            WeightedTargetGroup(targetGroupARN: group.targetGroupARN, weight: index == 0 ? 999 : 0)
        }
        try await alb.elbv2.setListenerForward(listenerARN: alb.listenerARN, targetGroups: hand, stickinessSeconds: nil)

        let drift = try await DriftCorrector(applyService: service).correctOnce()
        #expect(drift.corrections.map(\.key) == [alb.listenerARN])
        #expect(drift.corrections.allSatisfy { $0.restoredSuccessfully })
        let restored = try await alb.elbv2.listenerForward(listenerARN: alb.listenerARN)
        #expect(restored == live)

        let event = try #require(try await ControlFixtures.pushEvents(database).last)
        #expect(event.action == .driftCorrected)
        let before = try #require(event.before.flatMap { try? ManifestSerializer.documents(from: $0).first })
        let after = try #require(event.after.flatMap { try? ManifestSerializer.documents(from: $0).first })
        let beforeWeights = before["TargetGroups"].flatMap { value -> [Int]? in
            guard case .array(let groups) = value else { return nil }
            return groups.compactMap { $0["Weight"]?.numberValue.map { Int($0) } }
        }
        #expect(beforeWeights?.sorted() == hand.map(\.weight).sorted())
        #expect(after["TargetGroupStickinessConfig"]?["DurationSeconds"]?.numberValue == Double(DemoFleet.model.routing.stickinessSeconds ?? 0))

        #expect(try await DriftCorrector(applyService: service).correctOnce().corrections.isEmpty)
    }
}
