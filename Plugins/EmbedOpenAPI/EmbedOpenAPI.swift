import Foundation
import PackagePlugin

/// Embeds the target's `openapi.yaml` (its link to `openapi/openapi.yaml`) as Swift source: the text the binary
/// serves at `/openapi.yaml` and the table of operations with the access each needs, so both come from the document
/// the server is generated from, in the same build.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    struct MissingDocument: Error, CustomStringConvertible {
        var target: String
        var description: String { "target \(target) has no openapi.yaml to embed" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget,
            let document = module.sourceFiles.first(where: { $0.url.lastPathComponent == "openapi.yaml" })?.url
        else { throw MissingDocument(target: target.name) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPI.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(document.lastPathComponent)",
                executable: try context.tool(named: "OpenAPIEmbedder").url,
                arguments: [document.path, output.path],
                inputFiles: [document],
                outputFiles: [output]
            )
        ]
    }
}
