import AsyncHTTPClient
import Foundation
import SwitchyardFakes
@testable import SwitchyardAdapters

/// An ALB built in moto through the AWS API: a VPC with two subnets, an application load balancer,
/// three target groups, an HTTP listener forwarding to the first group, and a path rule.
struct MotoLoadBalancerFixture {
    static let region = "us-west-2"
    static let credentials = StaticCredentialsProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))

    let elbv2: ELBv2Client
    let targetGroupARNs: [String]
    let listenerARN: String
    let ruleARN: String

    static func create(on moto: MotoServer) async throws -> MotoLoadBalancerFixture {
        let ec2 = AWSQueryClient(
            httpClient: .shared, endpoint: moto.endpoint, region: region, signingName: "ec2",
            apiVersion: "2016-11-15", credentials: credentials, retryPolicy: .none)
        let elbv2 = ELBv2Client(
            httpClient: .shared, region: region, endpoint: moto.endpoint, credentials: credentials,
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))

        let vpcID = try await required(
            ec2.call("CreateVpc", ["CidrBlock": "10.20.0.0/16"]).descendant("vpcId"), "vpcId")
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            let subnet = try await ec2.call("CreateSubnet", [
                "VpcId": vpcID, "CidrBlock": "10.20.\(index).0/24", "AvailabilityZone": zone,
            ])
            subnets.append(try required(subnet.descendant("subnetId"), "subnetId"))
        }

        let balancer = try await elbv2.query.call("CreateLoadBalancer", [
            "Name": "switchyard-sd21", "Type": "application", "Scheme": "internal",
            "Subnets.member.1": subnets[0], "Subnets.member.2": subnets[1],
        ])
        let balancerARN = try required(balancer.descendant("LoadBalancerArn"), "LoadBalancerArn")

        var targetGroups: [String] = []
        for unit in ["sd21-inf2", "sd21-g5", "sd21-g6"] {
            let group = try await elbv2.query.call("CreateTargetGroup", [
                "Name": unit, "Protocol": "HTTP", "Port": "8000", "VpcId": vpcID, "TargetType": "ip",
            ])
            targetGroups.append(try required(group.descendant("TargetGroupArn"), "TargetGroupArn"))
        }

        let listener = try await elbv2.query.call("CreateListener", [
            "LoadBalancerArn": balancerARN, "Protocol": "HTTP", "Port": "80",
            "DefaultActions.member.1.Type": "forward",
            "DefaultActions.member.1.TargetGroupArn": targetGroups[0],
        ])
        let listenerARN = try required(listener.descendant("ListenerArn"), "ListenerArn")

        let rule = try await elbv2.query.call("CreateRule", [
            "ListenerArn": listenerARN, "Priority": "10",
            "Conditions.member.1.Field": "path-pattern",
            "Conditions.member.1.Values.member.1": "/sd21/*",
            "Actions.member.1.Type": "forward",
            "Actions.member.1.TargetGroupArn": targetGroups[0],
        ])
        let ruleARN = try required(rule.descendant("RuleArn"), "RuleArn")

        return MotoLoadBalancerFixture(elbv2: elbv2, targetGroupARNs: targetGroups, listenerARN: listenerARN, ruleARN: ruleARN)
    }

    private static func required(_ node: AWSXMLNode?, _ name: String) throws -> String {
        guard let text = node?.text, !text.isEmpty else { throw FixtureError.missing(name) }
        return text
    }

    enum FixtureError: Error {
        case missing(String)
    }
}
