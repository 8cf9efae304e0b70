import AsyncHTTPClient
import Foundation
import SwitchyardAdapters

/// An ALB built in moto through the AWS API, for tests and benchmarks: a VPC with two subnets, an application
/// load balancer, one target group per unit, an HTTP listener forwarding to the first group, and a rule
/// forwarding `/<first unit>/*` to it.
public struct MotoLoadBalancer: Sendable {
    public static let region = "us-west-2"
    public static let credentials = StaticCredentialsProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))

    public let elbv2: ELBv2Client
    /// Target group ARNs in the order of the units.
    public let targetGroupARNs: [String]
    /// Target group ARN by unit name.
    public let targetGroups: [String: String]
    public let listenerARN: String
    public let ruleARN: String

    /// - Parameters:
    ///   - units: target group names; at least one.
    ///   - name: the load balancer's name, unique within the moto server.
    public static func create(
        on moto: MotoServer, units: [String], name: String = "switchyard-\(UUID().uuidString.prefix(8).lowercased())",
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50))
    ) async throws -> MotoLoadBalancer {
        guard let first = units.first else { throw Missing(field: "a unit") }
        let ec2 = AWSQueryClient(
            httpClient: .shared, endpoint: moto.endpoint, region: region, signingName: "ec2", apiVersion: "2016-11-15",
            credentials: credentials, retryPolicy: .none)
        let elbv2 = ELBv2Client(
            httpClient: .shared, region: region, endpoint: moto.endpoint, credentials: credentials, retryPolicy: retryPolicy)
        let vpc = try text(await ec2.call("CreateVpc", ["CidrBlock": "10.30.0.0/16"]), "vpcId")
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            subnets.append(try text(
                await ec2.call("CreateSubnet", ["VpcId": vpc, "CidrBlock": "10.30.\(index).0/24", "AvailabilityZone": zone]),
                "subnetId"))
        }
        let balancer = try text(await elbv2.query.call("CreateLoadBalancer", [
            "Name": name, "Type": "application", "Scheme": "internal",
            "Subnets.member.1": subnets[0], "Subnets.member.2": subnets[1],
        ]), "LoadBalancerArn")
        var arns: [String] = []
        for unit in units {
            arns.append(try text(await elbv2.query.call("CreateTargetGroup", [
                "Name": unit, "Protocol": "HTTP", "Port": "8000", "VpcId": vpc, "TargetType": "ip",
            ]), "TargetGroupArn"))
        }
        let listener = try text(await elbv2.query.call("CreateListener", [
            "LoadBalancerArn": balancer, "Protocol": "HTTP", "Port": "80",
            "DefaultActions.member.1.Type": "forward", "DefaultActions.member.1.TargetGroupArn": arns[0],
        ]), "ListenerArn")
        let rule = try text(await elbv2.query.call("CreateRule", [
            "ListenerArn": listener, "Priority": "10",
            "Conditions.member.1.Field": "path-pattern", "Conditions.member.1.Values.member.1": "/\(first)/*",
            "Actions.member.1.Type": "forward", "Actions.member.1.TargetGroupArn": arns[0],
        ]), "RuleArn")
        return MotoLoadBalancer(
            elbv2: elbv2, targetGroupARNs: arns, targetGroups: Dictionary(uniqueKeysWithValues: zip(units, arns)),
            listenerARN: listener, ruleARN: rule)
    }

    /// The listener's weights now (DescribeListeners), by target group ARN.
    public func weights() async throws -> [String: Int] {
        let forward = try await elbv2.listenerForward(listenerARN: listenerARN)
        return Dictionary(uniqueKeysWithValues: forward.targetGroups.map { ($0.targetGroupARN, $0.weight) })
    }

    private static func text(_ answer: AWSXMLNode, _ field: String) throws -> String {
        guard let text = answer.descendant(field)?.text, !text.isEmpty else { throw Missing(field: field) }
        return text
    }

    /// A moto answer lacked a field it should have had.
    public struct Missing: Error, CustomStringConvertible {
        public var field: String
        public var description: String { "moto's answer has no \(field)" }
    }
}
