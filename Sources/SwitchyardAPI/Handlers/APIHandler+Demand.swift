internal import Foundation
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func reportModelDemand(_ input: Operations.ReportModelDemand.Input) async throws -> Operations.ReportModelDemand.Output {
        guard case .json(let report) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let sample = DemandSample(
            model: input.path.name, observedAt: report.observedAt ?? now(), rps: report.rps, source: "operator")
        let stored = try await database.appendDemandSamples([sample], context: try RequestScope.changeContext())
        control.adaptive?.wake()
        return .accepted(.init(body: .json(try .init(stored[0]))))
    }

    func getModelDemand(_ input: Operations.GetModelDemand.Input) async throws -> Operations.GetModelDemand.Output {
        let limit = try Self.pageSize(input.query.limit)
        let model = input.path.name
        let samples = try await database.demandSamples(model: model, since: input.query.since, limit: limit)
        let at = now()
        let forecaster = DemandForecaster()
        let units = try await database.fleetSnapshot().units.filter { $0.model == model && $0.enabled }
        let horizon = TimeToServe(units: units, defaultSeconds: demandHorizonSeconds).horizonSeconds
        let history = try await database.demandSamples(
            model: model, since: at.addingTimeInterval(-forecaster.settings.lookbackSeconds(horizon: horizon)))
        let overview = try Components.Schemas.ModelDemand(
            model: model, retentionSeconds: DemandRetention.defaultSeconds, samples: samples,
            forecast: forecaster.forecast(history, at: at, horizonSeconds: horizon))
        return .ok(.init(body: .json(overview)))
    }
}
