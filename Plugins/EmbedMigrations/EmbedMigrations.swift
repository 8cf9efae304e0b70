import Foundation
import PackagePlugin

/// Embeds the package's `migrations/sqlite/*.sql` and `migrations/postgres/*.sql` into the target as Swift string
/// literals, one sequence per engine, so the binary applies its schema wherever it runs from, never reading the
/// working directory. A `.sql` file in neither folder fails the build.
///
/// The target sees the files through its `migrations` link to the top-level folder: as files of the target,
/// a newly added migration makes SwiftPM plan the build again, and the generated source is never stale.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let files = module.sourceFiles(withSuffix: "sql").map(\.url)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
