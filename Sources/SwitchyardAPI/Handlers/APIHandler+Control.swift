internal import Foundation
internal import OpenAPIRuntime
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    // MARK: Manifests, diff, apply

    func getManifests(_ input: Operations.GetManifests.Input) async throws -> Operations.GetManifests.Output {
        let manifests = try await control.apply.manifests(models: input.query.model.map { [$0] })
        if Self.accepts(.json, over: .yaml, in: input.headers.accept) {
            return .ok(.init(body: .json(try manifests.objects.map(Components.Schemas.KubernetesObject.init))))
        }
        return .ok(.init(body: .yaml(try await Self.manifestStream(manifests.trees))))
    }

    func getModelManifests(_ input: Operations.GetModelManifests.Input) async throws -> Operations.GetModelManifests.Output {
        let manifests = try await control.apply.manifests(models: [input.path.name])
        if Self.accepts(.json, over: .yaml, in: input.headers.accept) {
            return .ok(.init(body: .json(try manifests.objects.map(Components.Schemas.KubernetesObject.init))))
        }
        return .ok(.init(body: .yaml(try await Self.manifestStream(manifests.trees))))
    }

    /// The objects' trees as a YAML stream, one document each, written a chunk per core and sent chunk by chunk; a
    /// stream with no object says so in a comment, so the body is never empty.
    static func manifestStream(_ trees: [JSONValue]) async throws -> HTTPBody {
        guard !trees.isEmpty else { return HTTPBody("# no objects to render\n") }
        let chunks = try await ChunkedWork.map(trees, minimumChunk: 512) { chunk in
            [ArraySlice(try ManifestSerializer.yaml(values: Array(chunk)).utf8)]
        }
        let stream = AsyncStream<HTTPBody.ByteChunk> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        return HTTPBody(stream, length: .known(Int64(chunks.reduce(0) { $0 + $1.count })))
    }

    func getDiff(_ input: Operations.GetDiff.Input) async throws -> Operations.GetDiff.Output {
        let diff = try await control.apply.diff(models: input.query.model.map { [$0] })
        return .ok(.init(body: .json(try .init(diff, fullObjects: input.query.full ?? false))))
    }

    func applyDesiredState(_ input: Operations.ApplyDesiredState.Input) async throws -> Operations.ApplyDesiredState.Output {
        let context = try RequestScope.changeContext()
        let models: Set<String>? = input.query.model.map { [$0] }
        let dryRun = input.query.dryRun ?? false
        let report: ApplyReport
        // A dry run pushes nothing, so any replica answers it; a push goes out from the leader only.
        if !dryRun, let handoff = control.applyHandoff, !(await handoff.pushesHere) {
            report = try await handoff.handOver(models: models, context: context)
        } else {
            report = try await control.apply.apply(models: models, dryRun: dryRun, context: context)
        }
        return .ok(.init(body: .json(try .init(report, fullObjects: input.query.full ?? false))))
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
        return .accepted(.init(body: .json(.init(stored))))
    }

    func pinModel(_ input: Operations.PinModel.Input) async throws -> Operations.PinModel.Output {
        guard case .json(let request) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        guard let configuration = ModelConfiguration(code: request.configuration) else {
            throw StoreError.invalid([FieldViolation(
                field: "configuration", message: "must be cost, capacity, or optimal-without:POOL,...")])
        }
        let routing = try await control.failover.pin(
            model: input.path.name, to: configuration, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(.init(routing))))
    }

    func unpinModel(_ input: Operations.UnpinModel.Input) async throws -> Operations.UnpinModel.Output {
        let routing = try await control.failover.unpin(model: input.path.name, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(.init(routing))))
    }

    func getFailoverStatus(_ input: Operations.GetFailoverStatus.Input) async throws -> Operations.GetFailoverStatus.Output {
        let status = try await control.failover.status()
        return .ok(.init(body: .json(try .init(status, adaptive: try await database.adaptiveStates()))))
    }

    // MARK: Replays

    func runReplay(_ input: Operations.RunReplay.Input) async throws -> Operations.RunReplay.Output {
        guard case .json(let body) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let request = ReplayRequest(body)
        let fleet = request.reference == true ? Fleet() : try await database.fleetSnapshot()
        let scenario = try request.scenario(fleet: fleet, maxSteps: replays.settings.maxSteps)
        if Self.accepts(.imageSvgXml, over: .json, in: input.headers.accept) {
            let svg = try await replays.run(scenario) { ReplaySVGRenderer().render($0) }
            return .ok(.init(body: .imageSvgXml(HTTPBody(svg))))
        }
        return .ok(.init(body: .json(try await replays.run(scenario) { Components.Schemas.ReplayReport($0) })))
    }
}
