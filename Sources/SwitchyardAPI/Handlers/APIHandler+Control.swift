internal import Foundation
internal import OpenAPIRuntime
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    // MARK: Manifests, diff, apply

    func getManifests(_ input: Operations.GetManifests.Input) async throws -> Operations.GetManifests.Output {
        let objects = try await manifests(models: input.query.model.map { [$0] })
        if Self.accepts(.json, over: .yaml, in: input.headers.accept) {
            return .ok(.init(body: .json(try objects.map { try SchemaBridge.convert($0, to: Components.Schemas.JSONObject.self) })))
        }
        return .ok(.init(body: .yaml(HTTPBody(try Self.manifestStream(objects)))))
    }

    func getModelManifests(_ input: Operations.GetModelManifests.Input) async throws -> Operations.GetModelManifests.Output {
        let objects = try await manifests(models: [input.path.name])
        if Self.accepts(.json, over: .yaml, in: input.headers.accept) {
            return .ok(.init(body: .json(try objects.map { try SchemaBridge.convert($0, to: Components.Schemas.JSONObject.self) })))
        }
        return .ok(.init(body: .yaml(HTTPBody(try Self.manifestStream(objects)))))
    }

    /// The objects as a YAML stream, one document each; a stream with no object says so in a comment, so the
    /// body is never empty.
    static func manifestStream(_ objects: [KubernetesObject]) throws -> String {
        objects.isEmpty ? "# no objects to render\n" : try ManifestSerializer.yaml(objects)
    }

    func getDiff(_ input: Operations.GetDiff.Input) async throws -> Operations.GetDiff.Output {
        let diff = try await control.apply.diff(models: input.query.model.map { [$0] })
        return .ok(.init(body: .json(try SchemaBridge.convert(diff, to: Components.Schemas.ApplyDiff.self))))
    }

    func applyDesiredState(_ input: Operations.ApplyDesiredState.Input) async throws -> Operations.ApplyDesiredState.Output {
        let context = try RequestScope.changeContext()
        let report = try await control.apply.apply(
            models: input.query.model.map { [$0] }, dryRun: input.query.dryRun ?? false, context: context)
        return .ok(.init(body: .json(try SchemaBridge.convert(report, to: Components.Schemas.ApplyReport.self))))
    }

    /// The rendered objects of the selected models (nil: all), as JSON trees in apply order.
    private func manifests(models: Set<String>?) async throws -> [KubernetesObject] {
        let state = try await control.apply.desiredState(models: models)
        guard let models else { return state.manifests.objects }
        // Shared cluster objects (node classes) only where a selected model's pools need them.
        return models.sorted().flatMap { state.manifests.objects(forModel: $0) }
            .reduce(into: [KubernetesObject]()) { unique, object in
                if !unique.contains(object) { unique.append(object) }
            }
    }

    // MARK: Failover

    func reportCapacitySignal(_ input: Operations.ReportCapacitySignal.Input) async throws
        -> Operations.ReportCapacitySignal.Output
    {
        guard case .json(let report) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let context = try RequestScope.changeContext()
        let condition: CapacityCondition = report.condition == .short ? .short : .recovered
        let signal = CapacitySignal(
            pool: report.pool, condition: condition, source: .operator,
            reason: report.reason ?? context.reason ?? "operator report", observedAt: now(),
            evidence: report.evidence ?? "reported by \(context.actor)")
        let stored = try await control.failover.report(signal, context: context)
        let receipt = SignalReceipt(id: stored.id, signal: stored.signal, receivedAt: stored.receivedAt)
        return .accepted(.init(body: .json(try SchemaBridge.convert(receipt, to: Components.Schemas.JSONObject.self))))
    }

    func pinModel(_ input: Operations.PinModel.Input) async throws -> Operations.PinModel.Output {
        guard case .json(let request) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        guard let configuration = ModelConfiguration(code: request.configuration) else {
            throw StoreError.invalid([FieldViolation(
                field: "configuration", message: "must be cost, capacity, or optimal-without:POOL,...")])
        }
        let routing = try await control.failover.pin(
            model: input.path.name, to: configuration, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try SchemaBridge.convert(routing, to: Components.Schemas.JSONObject.self))))
    }

    func unpinModel(_ input: Operations.UnpinModel.Input) async throws -> Operations.UnpinModel.Output {
        let routing = try await control.failover.unpin(model: input.path.name, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try SchemaBridge.convert(routing, to: Components.Schemas.JSONObject.self))))
    }

    func getFailoverStatus(_ input: Operations.GetFailoverStatus.Input) async throws -> Operations.GetFailoverStatus.Output {
        let status = try await control.failover.status()
        let overview = FailoverOverview(status: status, adaptive: try await database.adaptiveStates())
        return .ok(.init(body: .json(try SchemaBridge.convert(overview, to: Components.Schemas.JSONObject.self))))
    }

    /// What `GET /v1/failover` answers: the failover status and, per model on the adaptive configuration, the
    /// mix, floors and transition in force.
    private struct FailoverOverview: Encodable {
        var status: FailoverStatus
        var adaptive: [String: AdaptiveModelState]

        private enum CodingKeys: String, CodingKey {
            case adaptive
        }

        func encode(to encoder: any Encoder) throws {
            try status.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(adaptive, forKey: .adaptive)
        }
    }

    /// What `POST /v1/capacity-signals` answers: the signal as recorded.
    private struct SignalReceipt: Encodable {
        var id: Int64
        var signal: CapacitySignal
        var receivedAt: Date
    }

    // MARK: Replays

    func runReplay(_ input: Operations.RunReplay.Input) async throws -> Operations.RunReplay.Output {
        guard case .json(let body) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let request = try SchemaBridge.convert(body, to: ReplayRequest.self)
        let fleet = request.reference == true ? Fleet() : try await database.fleetSnapshot()
        let scenario = try request.scenario(fleet: fleet, maxSteps: replays.settings.maxSteps)
        if Self.accepts(.imageSvgXml, over: .json, in: input.headers.accept) {
            let svg = try await replays.run(scenario) { ReplaySVGRenderer().render($0) }
            return .ok(.init(body: .imageSvgXml(HTTPBody(svg))))
        }
        let document = try await replays.run(scenario) { report in
            try SchemaBridge.decoder.decode(Components.Schemas.JSONObject.self, from: Data(ReplayJSONRenderer().render(report).utf8))
        }
        return .ok(.init(body: .json(document)))
    }
}
