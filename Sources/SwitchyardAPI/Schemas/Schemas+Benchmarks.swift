import SwitchyardCore

// Benchmark runs between the domain and the API, field by field; left-out fields keep the domain's defaults.

extension Components.Schemas.BenchmarkRun {
    init(_ run: SwitchyardCore.BenchmarkRun) {
        self.init(
            id: run.id, unit: run.unit, recordedAt: run.recordedAt, note: run.note,
            samples: run.samples.map {
                .init(
                    offeredRPS: $0.offeredRPS, throughputRPS: $0.throughputRPS, p50Ms: $0.p50Ms, p95Ms: $0.p95Ms,
                    p99Ms: $0.p99Ms, errorRate: $0.errorRate, utilization: $0.utilization)
            })
    }
}

extension SwitchyardCore.BenchmarkRun {
    init(_ run: Components.Schemas.BenchmarkRun) {
        self.init(
            id: run.id, unit: run.unit, recordedAt: run.recordedAt, note: run.note,
            samples: run.samples.map { sample in
                var mapped = BenchmarkSample(
                    offeredRPS: sample.offeredRPS, throughputRPS: sample.throughputRPS, p50Ms: sample.p50Ms,
                    p95Ms: sample.p95Ms, p99Ms: sample.p99Ms)
                if let rate = sample.errorRate { mapped.errorRate = rate }
                if let utilization = sample.utilization { mapped.utilization = utilization }
                return mapped
            })
    }
}
