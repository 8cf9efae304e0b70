import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Instant queries against a Prometheus server's HTTP API (`GET /api/v1/query`).
public struct PrometheusQueryClient: Sendable {
    /// One series of an instant vector: its labels and value.
    public struct Sample: Sendable, Equatable {
        public var labels: [String: String]
        public var value: Double
    }

    public let baseURL: String
    let httpClient: HTTPClient
    let timeout: Duration

    /// - Parameter baseURL: e.g. `http://prometheus.monitoring:9090`.
    public init(httpClient: HTTPClient, baseURL: String, timeout: Duration = .seconds(10)) {
        self.httpClient = httpClient
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
    }

    /// Evaluates `query` now and returns its samples; the result must be an instant vector.
    public func query(_ query: String) async throws -> [Sample] {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? query
        var request = HTTPClientRequest(url: "\(baseURL)/api/v1/query?query=\(encoded)")
        request.headers.add(name: "Accept", value: "application/json")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .seconds(timeout.components.seconds))
            body = try await response.body.collect(upTo: 16 << 20)
        } catch {
            throw PrometheusError.transport(String(describing: error))
        }
        let decoded: QueryResponse
        do {
            decoded = try JSONDecoder().decode(QueryResponse.self, from: Data(buffer: body))
        } catch {
            throw PrometheusError.malformedResponse("HTTP \(response.status.code), body is not a query response")
        }
        guard decoded.status == "success", let data = decoded.data else {
            throw PrometheusError.queryFailed(
                status: Int(response.status.code), errorType: decoded.errorType ?? "", message: decoded.error ?? "")
        }
        guard data.resultType == "vector" else {
            throw PrometheusError.malformedResponse("result type \(data.resultType), expected vector")
        }
        return data.result.map { series in
            let text = series.value.count == 2 ? series.value[1].text : nil
            return Sample(labels: series.metric, value: text.flatMap(Double.init) ?? .nan)
        }
    }

    struct QueryResponse: Decodable {
        var status: String
        var data: QueryData?
        var errorType: String?
        var error: String?
    }

    struct QueryData: Decodable {
        var resultType: String
        var result: [Series]
    }

    struct Series: Decodable {
        var metric: [String: String]
        var value: [ScalarPart]
    }

    /// `[ <unix time>, "<value>" ]`: a number then a string.
    struct ScalarPart: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else {
                text = String(try container.decode(Double.self))
            }
        }
    }
}

/// Failures of a Prometheus query.
public enum PrometheusError: Error, Sendable, Equatable, CustomStringConvertible {
    case transport(String)
    case malformedResponse(String)
    case queryFailed(status: Int, errorType: String, message: String)

    public var description: String {
        switch self {
        case .transport(let message): "Prometheus unreachable: \(message)"
        case .malformedResponse(let message): "Prometheus answered unreadably: \(message)"
        case .queryFailed(let status, let errorType, let message): "Prometheus query failed (HTTP \(status) \(errorType)): \(message)"
        }
    }
}
