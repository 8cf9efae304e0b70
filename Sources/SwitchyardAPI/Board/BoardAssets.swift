/// The status board's files, embedded at build time from `Board/Assets` (SwiftPM's `embedInCode`), so the binary
/// serves them with nothing beside it and no Node toolchain builds them.
struct BoardAssets: Sendable {
    struct Asset: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    /// The page served at `/ui`.
    static let shell = Asset(contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html)

    /// What the page loads from `/ui/NAME`, by name.
    static let files: [String: Asset] = [
        "board.css": Asset(contentType: "text/css; charset=utf-8", bytes: PackageResources.board_css),
        "board.js": Asset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.board_js),
        "favicon.svg": Asset(contentType: "image/svg+xml", bytes: PackageResources.favicon_svg),
    ]
}
