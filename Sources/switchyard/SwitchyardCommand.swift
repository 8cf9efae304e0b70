import ArgumentParser

/// The `switchyard` executable: the service and its offline tools.
@main
struct SwitchyardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "Routes ML inference traffic across accelerators by cost and capacity, and keeps Kubernetes in step.",
        version: SwitchyardVersion.current,
        subcommands: [
            ServeCommand.self,
            MigrateCommand.self,
            TokenCommand.self,
            RenderCommand.self,
            ReplayCommand.self,
            VersionCommand.self,
        ]
    )
}

enum SwitchyardVersion {
    static let current = "0.1.0"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version and exit.")

    func run() {
        print("switchyard \(SwitchyardVersion.current)")
    }
}
