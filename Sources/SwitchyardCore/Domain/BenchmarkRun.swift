/// One load test of a unit: a series of samples at increasing offered load.
public struct BenchmarkRun: Codable, Sendable, Equatable, Hashable {
    /// Assigned by the store when the run is appended.
    public var id: Int64?
    public var unit: String
    /// RFC 3339 time the load test ran, as reported by the client.
    public var recordedAt: String?
    public var note: String?
    public var samples: [BenchmarkSample]

    public init(id: Int64? = nil, unit: String, recordedAt: String? = nil, note: String? = nil, samples: [BenchmarkSample]) {
        self.id = id
        self.unit = unit
        self.recordedAt = recordedAt
        self.note = note
        self.samples = samples
    }
}

/// One step of a load test.
public struct BenchmarkSample: Codable, Sendable, Equatable, Hashable {
    public var offeredRPS: Double
    public var throughputRPS: Double
    public var p50Ms: Double
    public var p95Ms: Double
    public var p99Ms: Double
    /// 0...1
    public var errorRate: Double
    /// Accelerator utilisation, 0...1.
    public var utilization: Double

    public init(
        offeredRPS: Double, throughputRPS: Double, p50Ms: Double, p95Ms: Double, p99Ms: Double,
        errorRate: Double = 0, utilization: Double = 0
    ) {
        self.offeredRPS = offeredRPS
        self.throughputRPS = throughputRPS
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.p99Ms = p99Ms
        self.errorRate = errorRate
        self.utilization = utilization
    }

    /// The latency at a percentile.
    public func latencyMs(at percentile: LatencyPercentile) -> Double {
        switch percentile {
        case .p50: p50Ms
        case .p95: p95Ms
        case .p99: p99Ms
        }
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension BenchmarkSample {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            offeredRPS: try container.decode(Double.self, forKey: .offeredRPS),
            throughputRPS: try container.decode(Double.self, forKey: .throughputRPS),
            p50Ms: try container.decode(Double.self, forKey: .p50Ms),
            p95Ms: try container.decode(Double.self, forKey: .p95Ms),
            p99Ms: try container.decode(Double.self, forKey: .p99Ms),
            errorRate: try container.decodeIfPresent(Double.self, forKey: .errorRate) ?? 0,
            utilization: try container.decodeIfPresent(Double.self, forKey: .utilization) ?? 0
        )
    }
}
