import ArgumentParser
import Foundation
import SwitchyardCore

/// Renders the fleet's desired state to files, offline: one Kubernetes object per file, plus the ELBv2
/// forward configs, ready for `kubectl apply -R -f DIR` or a GitOps repository.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the fleet's Kubernetes objects and ALB forward configs to a directory."
    )

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Only this model (repeatable); default every model.", valueName: "name"))
    var model: [String] = []

    @OptionGroup var source: FleetSource
    @OptionGroup var render: RenderOptions

    func run() async throws {
        let settings = try await source.database.settings(render)
        let fleet = try await source.load(settings: settings)
        let unknown = Set(model).subtracting(fleet.models.map(\.name))
        guard unknown.isEmpty else {
            throw ValidationError("unknown model(s): \(unknown.sorted().joined(separator: ", "))")
        }
        let state = DesiredStateBuilder().build(
            fleet: fleet, settings: try render.settings(settings), models: model.isEmpty ? nil : Set(model))
        let files = try ManifestFileLayout.files(for: state.manifests)
        let root = URL(fileURLWithPath: out, isDirectory: true)
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
        for plan in state.plans {
            let weights = plan.entries.map { "\($0.unit)=\($0.weight)" }.joined(separator: " ")
            print("\(plan.model): \(plan.strategy.rawValue) \(weights)")
        }
        for warning in state.manifests.warnings {
            FileHandle.standardError.write(Data("warning: \(warning.subject): \(warning.message)\n".utf8))
        }
        print("wrote \(files.count) files to \(root.path)")
    }
}
