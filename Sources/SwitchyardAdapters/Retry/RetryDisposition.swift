/// Whether a failed attempt is worth repeating.
public enum RetryDisposition: Sendable, Equatable {
    /// Try again; `after` is the wait the server asked for (`Retry-After`), if any.
    case retry(after: Duration?)
    /// Repeating the same request would fail the same way.
    case fail

    /// The disposition of an HTTP response status: 429 and 5xx are transient, any other 4xx is not.
    ///
    /// - Parameters:
    ///   - status: the response status code.
    ///   - retryAfter: the wait the server asked for, already parsed (see ``RetryAfter``).
    public static func forHTTPStatus(_ status: Int, retryAfter: Duration? = nil) -> RetryDisposition {
        switch status {
        case 429, 500...599: .retry(after: retryAfter)
        default: .fail
        }
    }

    /// Whether this disposition allows another attempt.
    public var allowsRetry: Bool {
        if case .retry = self { return true }
        return false
    }
}

/// An error that knows whether the operation that threw it may be repeated.
///
/// ``RetryPolicy`` repeats only operations whose error conforms and answers `.retry`; every other
/// error ends the run at once.
public protocol RetryableFailure: Error {
    var retryDisposition: RetryDisposition { get }
}
