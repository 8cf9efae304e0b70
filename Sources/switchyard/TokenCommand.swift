import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardStore

/// Offline token management, straight against the database (for bootstrapping and recovery).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens directly in the database.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "A unique name for the token; it is the actor in the audit history.")
        var name: String
        @Option(help: "viewer, operator or admin.")
        var role: Role = .viewer

        func run() async throws {
            let location = try StoreLocation(try await database.settings())
            let created = try await OpenedStore.with(location) {
                try await $0.tokens.createToken(name: name, role: role, context: .commandLine)
            }
            print(created.secret)
            FileHandle.standardError.write(Data("token \(name) (\(role.rawValue)) created; the secret above is not shown again\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let location = try StoreLocation(try await database.settings())
            let formatter = ISO8601DateFormatter()
            for token in try await OpenedStore.with(location, { try await $0.tokens.listTokens() }) {
                let state = token.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                print("\(token.name)\t\(token.role.rawValue)\t\(formatter.string(from: token.createdAt))\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The token's name.")
        var name: String

        func run() async throws {
            let location = try StoreLocation(try await database.settings())
            try await OpenedStore.with(location) { try await $0.tokens.revokeToken(named: name, context: .commandLine) }
            print("token \(name) revoked")
        }
    }
}

extension Role: ExpressibleByArgument {}

extension ChangeContext {
    /// Changes made with the offline tools are attributed to the local operator.
    static var commandLine: ChangeContext {
        ChangeContext(actor: "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "local")", requestID: UUID().uuidString)
    }
}
