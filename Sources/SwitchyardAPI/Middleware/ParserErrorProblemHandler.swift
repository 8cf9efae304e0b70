internal import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser cannot read (a header beyond the 80 KiB limit, a malformed request line)
/// with a 400 `application/problem+json`, then closes the connection, as the server would do with an empty
/// 400 otherwise. Sits in the channel pipeline right after HTTP decoding, where parser errors pass by before any
/// route sees the request.
final class ParserErrorProblemHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let problem = ProblemDetails(
            code: .badRequest, status: .badRequest,
            detail: parserError == .headerOverflow
                ? "The request's header fields are larger than the server reads (80 KiB)."
                : "The request is not valid HTTP/1.1 (\(parserError)).")
        let body = context.channel.allocator.buffer(bytes: problem.body())
        var fields = HTTPFields()
        fields[.contentType] = ProblemDetails.mediaType
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .badRequest, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
