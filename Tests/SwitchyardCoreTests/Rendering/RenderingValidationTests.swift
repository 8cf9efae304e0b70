import Foundation
import SwitchyardCore
import Testing

/// Runs tools/validate_manifests.py (Python jsonschema against ../shared/crds) on rendered manifests.
@Suite("Rendering: CRD validation", .serialized)
struct RenderingValidationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("tools/validate_manifests.py")
    static let crds = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/crds")

    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs the validator on a Dispatch thread: a python process takes seconds, and blocking the cooperative
    /// pool (two threads on this machine) for that long would stall every other test running beside it.
    static func validate(_ text: String) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try validateBlocking(text) })
            }
        }
    }

    private static func validateBlocking(_ text: String) throws -> Outcome {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-manifests-\(UUID().uuidString).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--crds", crds.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func managedNodeClassSettings(_ trigger: TriggerKind) -> RenderSettings {
        RenderSettings(
            trigger: trigger, triggerAuthentication: "keda-aws",
            nodeClass: NodeClassSettings(managed: ManagedNodeClass(
                role: "KarpenterNodeRole-demo", subnetSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])],
                securityGroupSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])], tags: ["team": "ml"])))
    }

    @Test(arguments: [TriggerKind.awsCloudWatch, .prometheus(serverAddress: "http://prometheus.monitoring:9090")])
    func renderedManifestsValidateAgainstTheCRDs(trigger: TriggerKind) async throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input(settings: Self.managedNodeClassSettings(trigger)))
        let outcome = try await Self.validate(try ManifestSerializer.yaml(rendered.objects))
        #expect(outcome.status == 0, "\(outcome.output)")
        let validated = outcome.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }
        // 5 ScaledObjects, 2 NodePools, 1 EC2NodeClass.
        #expect(validated.count == 8, "\(outcome.output)")
    }

    @Test func jsonOutputValidatesToo() async throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        let outcome = try await Self.validate(try ManifestSerializer.json(rendered.objects))
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func brokenScaledObjectFailsValidation() async throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        var scaledObject = try #require(rendered.scaledObjects.first)
        scaledObject.spec.maxReplicaCount = 0
        scaledObject.spec.triggers = []
        let outcome = try await Self.validate(try ManifestSerializer.yaml([.scaledObject(scaledObject)]))
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("spec.maxReplicaCount"), "\(outcome.output)")
        #expect(outcome.output.contains("spec.triggers"), "\(outcome.output)")
    }

    /// Objects the schema alone accepts but the CRDs' CEL rules refuse, as the API server would.
    @Test func celRulesRefuseWhatTheSchemaAllows() async throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input(settings: Self.managedNodeClassSettings(.awsCloudWatch)))
        var nodeClass = try #require(rendered.nodeClasses.first)
        nodeClass.spec.instanceProfile = "KarpenterNodeInstanceProfile-demo"
        nodeClass.spec.amiSelectorTerms.append(EC2NodeClass.AMISelectorTerm(id: "ami-0123456789abcdef0"))
        nodeClass.spec.tags = ["kubernetes.io/cluster/demo": "owned"]
        var nodePool = try #require(rendered.nodePools.first)
        nodePool.spec.template.spec.requirements = [
            NodePool.Requirement(key: "karpenter.sh/spot-only", values: ["true"]),
            NodePool.Requirement(key: "karpenter.k8s.aws/instance-family", values: []),
            NodePool.Requirement(key: "karpenter.k8s.aws/instance-cpu", operator: "Gt", values: ["many"]),
        ]
        let outcome = try await Self.validate(try ManifestSerializer.yaml([.ec2NodeClass(nodeClass), .nodePool(nodePool)]))
        #expect(outcome.status == 1, "\(outcome.output)")
        let failures = outcome.output.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
        for expected in [
            "EC2NodeClass default: spec: must specify exactly one of ['role', 'instanceProfile']",
            "EC2NodeClass default: spec.amiSelectorTerms: 'alias' is mutually exclusive",
            "EC2NodeClass default: spec.tags: tag contains a restricted tag matching kubernetes.io/cluster/",
            "NodePool amd-neuron: spec.template.spec.requirements[0].key: label domain \"karpenter.sh\" is restricted",
            "NodePool amd-neuron: spec.template.spec.requirements: requirements with operator 'In' must have a value defined",
            "NodePool amd-neuron: spec.template.spec.requirements: requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
        ] {
            #expect(failures.contains { $0.contains(expected) }, "\(expected) in:\n\(outcome.output)")
        }
        // The node pool's transition rules (oldSelf) are not evaluated on a create.
        #expect(outcome.output.contains("transition rules (oldSelf) skipped"), "\(outcome.output)")
    }
}
