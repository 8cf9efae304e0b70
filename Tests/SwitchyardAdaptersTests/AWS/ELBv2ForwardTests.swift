import Foundation
import Testing
@testable import SwitchyardAdapters
import SwitchyardFakes

@Suite("ELBv2 forward actions: parameters, parsing, limits, and the in-memory fake")
struct ELBv2ForwardTests {
    static let tg = (1...6).map { "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tg\($0)/\($0)" }

    @Test("a listener forward is flattened into Query parameters under DefaultActions.member.1")
    func listenerParameters() {
        let forward = ForwardState(
            targetGroups: [WeightedTargetGroup(targetGroupARN: Self.tg[1], weight: 25), WeightedTargetGroup(targetGroupARN: Self.tg[0], weight: 75)],
            stickinessSeconds: 3600)
        let parameters = ELBv2Client.forwardParameters(prefix: "DefaultActions.member.1", forward)
        #expect(parameters == [
            "DefaultActions.member.1.Type": "forward",
            "DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn": Self.tg[0],
            "DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight": "75",
            "DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn": Self.tg[1],
            "DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight": "25",
            "DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled": "true",
            "DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds": "3600",
        ])
        let noStickiness = ELBv2Client.forwardParameters(prefix: "Actions.member.1", ForwardState(targetGroups: forward.targetGroups))
        #expect(noStickiness["Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled"] == "false")
        #expect(noStickiness["Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds"] == nil)
    }

    @Test("a DescribeListeners answer is read into a forward state; plain and non-forward actions too")
    func parsing() throws {
        let document = """
            <DescribeListenersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
              <DescribeListenersResult><Listeners><member>
                <ListenerArn>arn:listener</ListenerArn>
                <DefaultActions><member>
                  <Type>forward</Type>
                  <ForwardConfig>
                    <TargetGroups>
                      <member><TargetGroupArn>\(Self.tg[2])</TargetGroupArn><Weight>10</Weight></member>
                      <member><TargetGroupArn>\(Self.tg[0])</TargetGroupArn><Weight>90</Weight></member>
                    </TargetGroups>
                    <TargetGroupStickinessConfig><Enabled>true</Enabled><DurationSeconds>60</DurationSeconds></TargetGroupStickinessConfig>
                  </ForwardConfig>
                </member></DefaultActions>
              </member></Listeners></DescribeListenersResult>
            </DescribeListenersResponse>
            """
        let root = try AWSXMLNode.parse(Data(document.utf8))
        let listener = try #require(root.path("DescribeListenersResult", "Listeners")?.children.first)
        #expect(ELBv2Client.forwardState(actions: listener.members(of: "DefaultActions")) == ForwardState(
            targetGroups: [WeightedTargetGroup(targetGroupARN: Self.tg[0], weight: 90), WeightedTargetGroup(targetGroupARN: Self.tg[2], weight: 10)],
            stickinessSeconds: 60))

        let plain = try AWSXMLNode.parse(Data("<a><member><Type>forward</Type><TargetGroupArn>\(Self.tg[3])</TargetGroupArn></member></a>".utf8))
        #expect(ELBv2Client.forwardState(actions: plain.children) == ForwardState(
            targetGroups: [WeightedTargetGroup(targetGroupARN: Self.tg[3], weight: 1)]))

        let fixed = try AWSXMLNode.parse(Data("<a><member><Type>fixed-response</Type></member></a>".utf8))
        #expect(ELBv2Client.forwardState(actions: fixed.children).targetGroups.isEmpty)
        #expect(throws: AWSXMLError.self) { try AWSXMLNode.parse(Data("<unclosed>".utf8)) }
    }

    @Test("forwards ELBv2 would refuse are rejected", arguments: [
        ([], nil),
        (Array(tg.prefix(6)).map { WeightedTargetGroup(targetGroupARN: $0, weight: 1) }, nil),
        ([WeightedTargetGroup(targetGroupARN: tg[0], weight: 1), WeightedTargetGroup(targetGroupARN: tg[0], weight: 2)], nil),
        ([WeightedTargetGroup(targetGroupARN: tg[0], weight: -1)], nil),
        ([WeightedTargetGroup(targetGroupARN: tg[0], weight: 1000)], nil),
        ([WeightedTargetGroup(targetGroupARN: tg[0], weight: 1)], 0),
    ] as [([WeightedTargetGroup], Int?)])
    func invalidForwards(groups: [WeightedTargetGroup], stickiness: Int?) {
        #expect(throws: AWSError.self) { try ForwardState(targetGroups: groups, stickinessSeconds: stickiness).validate() }
    }

    @Test("five groups at the weight limits are accepted")
    func limitsAccepted() throws {
        let groups = Self.tg.prefix(5).enumerated().map { WeightedTargetGroup(targetGroupARN: $1, weight: $0 == 0 ? 0 : 999) }
        try ForwardState(targetGroups: groups, stickinessSeconds: 604_800).validate()
    }

    @Test("the in-memory fake stores what was set, refuses unknown ARNs and invalid forwards")
    func inMemoryFake() async throws {
        let fake = InMemoryLoadBalancer()
        await fake.putListener("arn:listener")
        await fake.putRule("arn:rule")
        let weighted = [WeightedTargetGroup(targetGroupARN: Self.tg[1], weight: 30), WeightedTargetGroup(targetGroupARN: Self.tg[0], weight: 70)]
        try await fake.setListenerForward(listenerARN: "arn:listener", targetGroups: weighted, stickinessSeconds: nil)
        try await fake.setRuleForward(ruleARN: "arn:rule", targetGroups: [weighted[0]], stickinessSeconds: 30)
        #expect(try await fake.listenerForward(listenerARN: "arn:listener") == ForwardState(targetGroups: weighted))
        #expect(try await fake.ruleForward(ruleARN: "arn:rule") == ForwardState(targetGroups: [weighted[0]], stickinessSeconds: 30))
        #expect(await fake.writes.map(\.arn) == ["arn:listener", "arn:rule"])

        let missing = await #expect(throws: AWSError.self) {
            try await fake.setListenerForward(listenerARN: "arn:other", targetGroups: weighted, stickinessSeconds: nil)
        }
        #expect(missing?.code == "ListenerNotFound")
        await #expect(throws: AWSError.self) {
            try await fake.setRuleForward(ruleARN: "arn:rule", targetGroups: [], stickinessSeconds: nil)
        }
        #expect(await fake.writes.count == 2)
    }
}
