import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenAPIRuntime
import SwitchyardCore
import Testing

@testable import SwitchyardAPI

@Suite("The OpenAPI document and the types generated from it")
struct OpenAPIDocumentTests {
    static var documentURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi/openapi.yaml")
    }

    @Test("GET /openapi.yaml serves the document, byte for byte")
    func served() async throws {
        let harness = try await APIHarness.make()
        let onDisk = try String(contentsOf: Self.documentURL, encoding: .utf8)
        try await harness.run { client in
            let response = try await client.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(response.text == onDisk)
        }
    }

    /// The seed fleet with every optional field set, so a field the schema lacks cannot hide behind a nil.
    static var everyFieldFleet: Fleet {
        var fleet = SeedFleet.fleet
        fleet.models[0].routing = RoutingSettings(
            defaultStrategy: .optimal, stickinessSeconds: 30, applier: .elbv2,
            listenerARN: "arn:aws:elasticloadbalancing:us-west-2:1:listener/app/x/1/2",
            ruleARN: "arn:aws:elasticloadbalancing:us-west-2:1:listener-rule/app/x/1/2/3", failoverStrategy: .optimal)
        fleet.instanceTypes[0].prices.append(InstancePrice(region: "us-east-1", capacityType: .spot, hourlyUSD: 0.31))
        fleet.instanceTypes[0].arch = .arm64
        fleet.pools[0].weight = 60
        fleet.pools[0].limits = PoolLimits(cpu: 512, memoryGiB: 2048.5, accelerators: 64, nodes: 32)
        fleet.pools[0].taints = [Taint(key: "aws.amazon.com/neuron", value: "true", effect: .noSchedule)]
        fleet.pools[0].consolidation = Consolidation(policy: .whenEmpty, consolidateAfter: "30s")
        fleet.pools[0].capacityTypes = [.onDemand, .spot]
        // Shapes, not rules: every field of a managed node class at once, and an existing one.
        fleet.pools[0].nodeClass = .managed(ManagedNodeClass(
            role: "KarpenterNodeRole-x", instanceProfile: "KarpenterNodeInstanceProfile-x", amiFamily: .bottlerocket,
            amiSelectorTerms: [.init(alias: "bottlerocket@latest"), .init(id: "ami-0abc"), .init(tags: ["team": "ml"])],
            subnetSelectorTerms: [.init(id: "subnet-0abc"), .init(tags: ["karpenter.sh/discovery": "x"])],
            securityGroupSelectorTerms: [.init(id: "sg-0abc")],
            blockDeviceMappings: [BlockDeviceMapping(deviceName: "/dev/xvda", rootVolume: true, ebs: .init(
                volumeSize: "200Gi", volumeType: .io2, encrypted: false, deleteOnTermination: true, iops: 4000,
                throughput: 500, kmsKeyID: "arn:aws:kms:us-west-2:1:key/x", snapshotID: "snap-0abc"))],
            tags: ["team": "ml"]), name: "neuron-nodes")
        fleet.pools[1].nodeClass = .existing("gpu-nodes")
        fleet.units[0].targetGroupARN = "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/sd21-inf2/4"
        fleet.units[0].enabled = false
        fleet.units[0].capacityType = .spot
        fleet.benchmarks[0].id = 7
        fleet.benchmarks[0].samples[0].errorRate = 0.002
        return fleet
    }

    @Test("a fleet document round-trips through the generated schema types unchanged", arguments: [false, true])
    func fleetRoundTrip(everyField: Bool) throws {
        let fleet = everyField ? Self.everyFieldFleet : SeedFleet.fleet
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let domainJSON = try encoder.encode(fleet)
        let generated = try JSONDecoder().decode(Components.Schemas.Fleet.self, from: domainJSON)
        let generatedJSON = try encoder.encode(generated)
        #expect(try JSONDecoder().decode(Fleet.self, from: generatedJSON) == fleet)
        // Same keys and values both ways, not merely the same decoded result.
        let left = try JSONSerialization.jsonObject(with: domainJSON) as? NSDictionary
        let right = try JSONSerialization.jsonObject(with: generatedJSON) as? NSDictionary
        #expect(left == right)
    }

    @Test("the embedded table lists exactly the operations the generated server registers")
    func operationTable() async throws {
        let harness = try await APIHarness.make()
        let handler = APIHandler(
            database: harness.database, control: harness.control, planner: RoutingPlanner(),
            metrics: HTTPMetrics(registry: harness.registry), maxBodyBytes: harness.settings.maxBodyBytes,
            demandHorizonSeconds: harness.settings.demandHorizonSeconds,
            replays: ReplayRunner(settings: harness.settings.replays), now: { Date() })
        let recorder = RegistrationRecorder()
        try handler.registerHandlers(on: recorder)
        let table = RouteTable.published
        #expect(table.operations.count == recorder.routes.count)
        #expect(Set(table.operations.map { "\($0.method) \($0.template)" }) == Set(recorder.routes))
        #expect(Set(table.operations.map(\.id)).count == table.operations.count)
    }

    @Test("access by operation id: open routes, and the least role of each other one")
    func accessByOperation() {
        let table = RouteTable.published
        #expect(table.access(operationID: Operations.GetHealth.id) == .open)
        #expect(table.access(operationID: Operations.GetOpenAPIDocument.id) == .open)
        #expect(table.access(operationID: Operations.ListModels.id) == .role(.viewer))
        #expect(table.access(operationID: Operations.VerifyAuditChain.id) == .role(.viewer))
        #expect(table.access(operationID: Operations.PutPool.id) == .role(.operator))
        #expect(table.access(operationID: Operations.RevokeToken.id) == .role(.admin))
        #expect(table.access(operationID: "noSuchOperation") == nil)
    }

    @Test("a routed request is taken as routed; others resolve to their template, a 405 or a 404")
    func resolution() {
        let table = RouteTable.published
        #expect(table.resolve(method: "GET", path: "/v1/models/a", routed: "/v1/models/{name}")
            == .matched(template: "/v1/models/{name}"))
        #expect(table.resolve(method: "GET", path: "/v1/models/", routed: "/v1/models") == .notFound)
        #expect(table.resolve(method: "GET", path: "//healthz", routed: "/healthz") == .notFound)
        #expect(table.resolve(method: "GET", path: "/v1//models", routed: "/v1/models") == .notFound)
        #expect(table.resolve(method: "GET", path: "/v1/models/a?x=/", routed: "/v1/models/{name}")
            == .matched(template: "/v1/models/{name}"))
        #expect(table.resolve(method: "GET", path: "/v1/units/a/rating", routed: nil)
            == .matched(template: "/v1/units/{name}/rating"))
        #expect(table.resolve(method: "POST", path: "/v1/audit", routed: nil)
            == .methodNotAllowed(template: "/v1/audit", allowed: ["GET"]))
        #expect(table.resolve(method: "POST", path: "/v1/models/a", routed: nil)
            == .methodNotAllowed(template: "/v1/models/{name}", allowed: ["DELETE", "GET", "PUT"]))
        #expect(table.resolve(method: "GET", path: "/v1/models/a/b/c", routed: nil) == .notFound)
    }

    @Test("the problem codes are exactly those the document lists")
    func problemCodes() {
        let documented = Set(Components.Schemas.Problem.CodePayload.allCases.map(\.rawValue))
        #expect(Set(ProblemCode.allCases.map(\.rawValue)) == documented)
    }
}

/// Records what the generated server registers, without serving anything.
private final class RegistrationRecorder: ServerTransport, @unchecked Sendable {
    var routes: [String] = []

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method, path: String
    ) throws {
        routes.append("\(method.rawValue) \(path)")
    }
}
