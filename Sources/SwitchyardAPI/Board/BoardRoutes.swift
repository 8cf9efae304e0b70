import HTTPTypes
import Hummingbird

/// The status board at `/ui`: a page shell with its stylesheet and script, outside the OpenAPI document. They need
/// no token, since they hold no data: the page reads the API with the token a person pastes into it. Every response
/// carries a Content-Security-Policy that lets the page run only this origin's script and style (nothing inline) and
/// talk only to this origin.
struct BoardRoutes {
    /// No inline script or style, no plugins, no framing; images from this origin and from `blob:` (the replay's SVG
    /// timeline, shown as an image so nothing in it runs).
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' blob:", "connect-src 'self'",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/ui") { _, _ in Self.response(BoardAssets.shell) }
        router.get("/ui/:asset") { request, context in
            let name = try context.parameters.require("asset")
            guard let asset = BoardAssets.files[name] else { throw APIError.routeNotFound(path: request.uri.path) }
            return Self.response(asset)
        }
    }

    static func response(_ asset: BoardAssets.Asset) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        // A new binary may bring new files under the same names.
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
