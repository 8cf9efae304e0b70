import Foundation

/// The AWS SDKs' environment conventions for region and endpoint overrides, read from a given
/// environment so the executable decides what to pass in.
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]

    public init(_ variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else nil.
    public var region: String? {
        (variables["AWS_REGION"] ?? variables["AWS_DEFAULT_REGION"]).flatMap(\.trimmedNonEmpty)
    }

    /// The endpoint override for a service: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else nil.
    ///
    /// - Parameter serviceVariable: the service's suffix, e.g. `ELASTIC_LOAD_BALANCING_V2` or `STS`.
    public func endpoint(for serviceVariable: String) -> URL? {
        (variables["AWS_ENDPOINT_URL_\(serviceVariable)"] ?? variables["AWS_ENDPOINT_URL"])
            .flatMap(\.trimmedNonEmpty)
            .flatMap(URL.init(string:))
    }

    /// The ELBv2 endpoint override (`AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2` or `AWS_ENDPOINT_URL`).
    public var elbv2Endpoint: URL? { endpoint(for: "ELASTIC_LOAD_BALANCING_V2") }

    /// The STS endpoint override (`AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL`).
    public var stsEndpoint: URL? { endpoint(for: "STS") }

    /// The CloudWatch endpoint override (`AWS_ENDPOINT_URL_CLOUDWATCH` or `AWS_ENDPOINT_URL`).
    public var cloudWatchEndpoint: URL? { endpoint(for: "CLOUDWATCH") }
}
