import AsyncHTTPClient

/// A request that got no HTTP response at all: refused, reset, timed out, or cut off.
///
/// Such failures are transient by nature, so they are retried; a request the client itself
/// rejects (a malformed URL, a client already shut down, cancellation) is not wrapped and not retried.
public struct ConnectionFailure: RetryableFailure, CustomStringConvertible {
    /// What the HTTP stack reported.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var retryDisposition: RetryDisposition { .retry(after: nil) }

    public var description: String { "connection failure: \(reason)" }

    /// An error thrown by the HTTP stack while sending a request, as a ``ConnectionFailure`` when it is
    /// a network failure worth repeating; nil for cancellation and for the client's own refusals.
    ///
    /// Everything else the stack throws (refused or reset connections, timeouts, TLS failures, DNS
    /// errors: `NIOConnectionError`, `IOError`, `ChannelError`, `HTTPClientError.connectTimeout`, …)
    /// happened on the way to or from the server and counts as transient.
    public static func classify(_ error: any Error) -> ConnectionFailure? {
        if error is CancellationError { return nil }
        if let client = error as? HTTPClientError, nonTransientClientErrors.contains(client) { return nil }
        return ConnectionFailure(reason: "\(error)")
    }

    /// Client-side mistakes: sending the same request again cannot help.
    private static let nonTransientClientErrors: [HTTPClientError] = [
        .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .alreadyShutdown, .cancelled,
        .traceRequestWithBody, .bodyLengthMismatch, .invalidRedirectConfiguration,
        .invalidHTTPVersionConfiguration, .invalidProxyConfiguration, .redirectLimitReached, .redirectCycleDetected,
    ]
}
