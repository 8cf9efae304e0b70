import SwitchyardCore

// Demand samples and forecasts as the API shows them, field by field.

extension Components.Schemas.DemandSample {
    init(_ sample: SwitchyardCore.DemandSample) throws {
        // A sample's source is a name in the domain (each adapter gives its own); the API lists them.
        guard let source = SourcePayload(rawValue: sample.source) else {
            throw SchemaMismatch(detail: "demand sample source \(sample.source) is not in the API's list")
        }
        self.init(model: sample.model, observedAt: sample.observedAt, rps: sample.rps, source: source)
    }
}

extension Components.Schemas.ModelDemand {
    init(
        model: String, retentionSeconds: Double, samples: [SwitchyardCore.DemandSample],
        forecast: SwitchyardCore.DemandForecast
    ) throws {
        self.init(
            model: model, retentionSeconds: retentionSeconds, samples: try samples.map { try .init($0) },
            forecast: .init(
                at: forecast.at, horizonSeconds: forecast.horizonSeconds, sampleCount: forecast.sampleCount,
                latestRPS: forecast.latestRPS, levelRPS: forecast.levelRPS, trendRPSPerSecond: forecast.trendRPSPerSecond,
                seasonalChangeRPS: forecast.seasonalChangeRPS, expectedRPS: forecast.expectedRPS,
                bandRPS: forecast.bandRPS, provisionRPS: forecast.provisionRPS, explanation: forecast.explanation))
    }
}
