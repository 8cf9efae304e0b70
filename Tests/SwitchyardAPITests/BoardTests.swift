import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import SwitchyardAPI

@Suite("Status board")
struct BoardTests {
    static let files: [(path: String, contentType: String)] = [
        ("/ui", "text/html; charset=utf-8"), ("/ui/board.js", "text/javascript; charset=utf-8"),
        ("/ui/board.css", "text/css; charset=utf-8"), ("/ui/favicon.svg", "image/svg+xml"),
    ]

    @Test("the shell, script, stylesheet and icon are served without a token, with their types and a strict CSP")
    func files() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for file in Self.files {
                let response = try await client.send(.get, file.path)
                #expect(response.status == .ok, "\(file.path)")
                #expect(response.headers[.contentType] == file.contentType, "\(file.path)")
                let policy = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!], "\(file.path)")
                for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"] {
                    #expect(policy.contains(directive), "\(file.path): \(policy)")
                }
                #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(file.path): \(policy)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(file.path)")
                #expect(!response.text.isEmpty, "\(file.path)")
            }
            let shell = try await client.send(.get, "/ui").text
            #expect(shell.contains(#"<script src="/ui/board.js" defer></script>"#))
            #expect(shell.contains(#"<link rel="stylesheet" href="/ui/board.css">"#))
            // Nothing inline for the policy to refuse.
            #expect(!shell.contains("<script>") && !shell.contains("<style") && !shell.contains("style="))
            #expect(shell.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
            // The script never parses API data as markup.
            let script = try await client.send(.get, "/ui/board.js").text
            #expect(!script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML"))
        }
    }

    @Test("unknown board paths are 404 problems; the API the board reads still needs a token")
    func unknownPaths() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for path in ["/ui/nothing.js", "/ui/board.js/more", "/ui/index.html"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(try response.problem().code == "route-not-found", "\(path)")
            }
            let posted = try await client.send(.post, "/ui")
            #expect(posted.status == .methodNotAllowed || posted.status == .notFound)
            #expect(try await client.send(.get, "/v1/models").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/models", token: harness.viewer).status == .ok)
        }
    }
}
