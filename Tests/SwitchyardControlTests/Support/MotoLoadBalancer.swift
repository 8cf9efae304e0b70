import AsyncHTTPClient
import Foundation
import SwitchyardFakes
import SwitchyardAdapters

/// An ALB built in moto through the AWS API: a VPC with two subnets, an application load balancer, one
/// target group per demo unit, and an HTTP listener forwarding to the first group.
struct MotoLoadBalancer {
    static let region = "us-west-2"
    static let credentials = StaticCredentialsProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))

    let elbv2: ELBv2Client
    /// Target group ARN per unit name.
    let targetGroupARNs: [String: String]
    let listenerARN: String

    static func create(on moto: MotoServer, units: [String]) async throws -> MotoLoadBalancer {
        let ec2 = AWSQueryClient(
            httpClient: .shared, endpoint: moto.endpoint, region: region, signingName: "ec2",
            apiVersion: "2016-11-15", credentials: credentials, retryPolicy: .none)
        let elbv2 = ELBv2Client(httpClient: .shared, region: region, endpoint: moto.endpoint, credentials: credentials, retryPolicy: .none)

        let vpcID = try required(try await ec2.call("CreateVpc", ["CidrBlock": "10.30.0.0/16"]).descendant("vpcId"), "vpcId")
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            let subnet = try await ec2.call("CreateSubnet", ["VpcId": vpcID, "CidrBlock": "10.30.\(index).0/24", "AvailabilityZone": zone])
            subnets.append(try required(subnet.descendant("subnetId"), "subnetId"))
        }
        let balancer = try await elbv2.query.call("CreateLoadBalancer", [
            "Name": "switchyard-apply", "Type": "application", "Scheme": "internal",
            "Subnets.member.1": subnets[0], "Subnets.member.2": subnets[1],
        ])
        let balancerARN = try required(balancer.descendant("LoadBalancerArn"), "LoadBalancerArn")
        var groups: [String: String] = [:]
        for unit in units {
            let group = try await elbv2.query.call("CreateTargetGroup", [
                "Name": unit, "Protocol": "HTTP", "Port": "8000", "VpcId": vpcID, "TargetType": "ip",
            ])
            groups[unit] = try required(group.descendant("TargetGroupArn"), "TargetGroupArn")
        }
        let listener = try await elbv2.query.call("CreateListener", [
            "LoadBalancerArn": balancerARN, "Protocol": "HTTP", "Port": "80",
            "DefaultActions.member.1.Type": "forward",
            "DefaultActions.member.1.TargetGroupArn": groups[units[0]]!,
        ])
        let listenerARN = try required(listener.descendant("ListenerArn"), "ListenerArn")
        return MotoLoadBalancer(elbv2: elbv2, targetGroupARNs: groups, listenerARN: listenerARN)
    }

    private static func required(_ node: AWSXMLNode?, _ name: String) throws -> String {
        guard let text = node?.text, !text.isEmpty else { throw MotoLoadBalancerError.missing(name) }
        return text
    }

    enum MotoLoadBalancerError: Error {
        case missing(String)
    }
}
