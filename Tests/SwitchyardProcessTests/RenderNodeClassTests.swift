import Foundation
import SwitchyardCore
import Testing

/// `switchyard render`'s default node class as operators set it: flags and SWITCHYARD_ variables.
@Suite("Process: the default node class of render")
struct RenderNodeClassTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs `switchyard render` over the demo fleet (as an export file) into `out`; the exit status and what it printed.
    func render(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let fleet = directory.appendingPathComponent("fleet.json")
        try JSONEncoder().encode(DemoFleet.fleet).write(to: fleet)
        return try ServiceProcess.run(
            ["render", "--fleet", fleet.path, "--out", directory.appendingPathComponent("out").path] + arguments,
            environment: environment)
    }

    @Test("a role and tags, from flags or variables, render the default node class the NodePools reference")
    func managedDefault() throws {
        let result = try render(
            ["--node-class", "accelerated", "--node-class-role", "KarpenterNodeRole-demo", "--node-class-subnet-tag", "karpenter.sh/discovery=demo"],
            environment: ["SWITCHYARD_NODE_CLASS_SECURITY_GROUP_TAG": "karpenter.sh/discovery=demo, team=ml"])
        #expect(result.status == 0, "\(result.output)")
        let out = directory.appendingPathComponent("out/cluster")
        let nodeClass = try String(contentsOf: out.appendingPathComponent("ec2nodeclass-accelerated.yaml"), encoding: .utf8)
        #expect(nodeClass.contains("role: KarpenterNodeRole-demo"))
        #expect(nodeClass.contains("team: ml"))
        let pool = try String(contentsOf: out.appendingPathComponent("nodepool-amd-neuron.yaml"), encoding: .utf8)
        #expect(pool.contains("name: accelerated"))
    }

    @Test(
        "an incomplete or invalid default node class stops render, naming the flag",
        arguments: [
            (["--node-class-subnet-tag", "a=b"], "need --node-class-role or --node-class-instance-profile"),
            (["--node-class-role", "r", "--node-class-security-group-tag", "a=b"], "--node-class-subnet-tag: must hold 1 to 30 terms"),
            (["--node-class-role", "r", "--node-class-instance-profile", "p", "--node-class-subnet-tag", "a=b", "--node-class-security-group-tag", "a=b"],
             "--node-class-instance-profile: must not be given with role"),
            (["--node-class-role", "r", "--node-class-subnet-tag", "a", "--node-class-security-group-tag", "a=b"], "--node-class-subnet-tag must be KEY=VALUE, got 'a'"),
            (["--node-class", "Accelerated"], "--node-class may contain only lowercase letters"),
        ] as [([String], String)])
    func refusesInvalidDefault(arguments: [String], message: String) throws {
        let result = try render(arguments)
        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }
}
