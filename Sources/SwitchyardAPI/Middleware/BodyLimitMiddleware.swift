import Hummingbird

/// Refuses bodies over the limit: at once when `Content-Length` says so, else as soon as the streamed
/// bytes pass it, whoever is reading them.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw APIError.contentTooLarge(limit: maxBytes)
        }
        var request = request
        request.body = RequestBody(asyncSequence: SizeLimitedBody(base: request.body, maxBytes: maxBytes))
        return try await next(request, context)
    }
}

/// A request body that throws `APIError.contentTooLarge` once more than `maxBytes` have streamed through.
struct SizeLimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let base: Base
    let maxBytes: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let maxBytes: Int
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            seen += buffer.readableBytes
            if seen > maxBytes { throw APIError.contentTooLarge(limit: maxBytes) }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), maxBytes: maxBytes)
    }
}
