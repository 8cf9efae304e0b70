import AsyncHTTPClient
import Foundation
import SwitchyardAdapters

/// An ALB built in moto through the AWS API: a VPC with two subnets, the load balancer, one target group per
/// unit and an HTTP listener.
struct MotoLoadBalancer {
    static let region = "us-west-2"
    static let credentials = StaticCredentialsProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))

    let elbv2: ELBv2Client
    let listenerARN: String
    /// Target group ARN by unit name.
    let targetGroups: [String: String]

    static func create(at endpoint: URL, units: [String]) async throws -> MotoLoadBalancer {
        let ec2 = AWSQueryClient(
            httpClient: .shared, endpoint: endpoint, region: region, signingName: "ec2", apiVersion: "2016-11-15",
            credentials: credentials, retryPolicy: .none)
        let elbv2 = ELBv2Client(
            httpClient: .shared, region: region, endpoint: endpoint, credentials: credentials,
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
        let vpc = try text(await ec2.call("CreateVpc", ["CidrBlock": "10.30.0.0/16"]).descendant("vpcId"))
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            let subnet = try await ec2.call(
                "CreateSubnet", ["VpcId": vpc, "CidrBlock": "10.30.\(index).0/24", "AvailabilityZone": zone])
            subnets.append(try text(subnet.descendant("subnetId")))
        }
        let balancer = try text(await elbv2.query.call("CreateLoadBalancer", [
            "Name": "switchyard-bench", "Type": "application", "Scheme": "internal",
            "Subnets.member.1": subnets[0], "Subnets.member.2": subnets[1],
        ]).descendant("LoadBalancerArn"))
        var targetGroups: [String: String] = [:]
        for unit in units {
            targetGroups[unit] = try text(await elbv2.query.call("CreateTargetGroup", [
                "Name": unit, "Protocol": "HTTP", "Port": "8000", "VpcId": vpc, "TargetType": "ip",
            ]).descendant("TargetGroupArn"))
        }
        let listener = try text(await elbv2.query.call("CreateListener", [
            "LoadBalancerArn": balancer, "Protocol": "HTTP", "Port": "80",
            "DefaultActions.member.1.Type": "forward",
            "DefaultActions.member.1.TargetGroupArn": targetGroups[units[0]]!,
        ]).descendant("ListenerArn"))
        return MotoLoadBalancer(elbv2: elbv2, listenerARN: listener, targetGroups: targetGroups)
    }

    /// The listener's weights now (DescribeListeners), by target group.
    func weights() async throws -> [String: Int] {
        let forward = try await elbv2.listenerForward(listenerARN: listenerARN)
        return Dictionary(uniqueKeysWithValues: forward.targetGroups.map { ($0.targetGroupARN, $0.weight) })
    }

    private static func text(_ node: AWSXMLNode?) throws -> String {
        guard let text = node?.text, !text.isEmpty else { throw BenchError.failed("moto answer lacks an expected field") }
        return text
    }
}
