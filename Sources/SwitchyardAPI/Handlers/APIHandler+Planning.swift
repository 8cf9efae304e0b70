import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func planModel(_ input: Operations.PlanModel.Input) async throws -> Operations.PlanModel.Output {
        let query = input.query
        let strategy = try query.strategy.map { text in
            guard let strategy = StrategyKind(rawValue: text) else {
                throw APIError.invalidParameter(
                    field: "strategy", detail: "strategy must be one of cost, capacity, optimal; got '\(text)'.")
            }
            return strategy
        }
        let index = try await database.fleetIndex()
        // Without a strategy the answer is the plan in force: the failover loop's configuration and short pools.
        let inForce = try await control.apply.routingInForce()
        let plan = try plan(
            index: index, model: input.path.name, strategy: strategy ?? inForce.strategies[input.path.name],
            demand: try Self.demand(query.demand, field: "demand"),
            headroom: try Self.headroom(query.headroom, field: "headroom"), shortPools: inForce.shortPools)
        return .ok(.init(body: .json(.init(plan))))
    }

    func rateUnit(_ input: Operations.RateUnit.Input) async throws -> Operations.RateUnit.Output {
        let index = try await database.fleetIndex()
        guard let unit = index.fleet.units.first(where: { $0.name == input.path.name }) else {
            throw StoreError.notFound(kind: .unit, name: input.path.name)
        }
        guard let model = index.fleet.models.first(where: { $0.name == unit.model }) else {
            throw StoreError.notFound(kind: .model, name: unit.model)
        }
        let ratings = planner.ratings(PlanningInput(index: index, model: model, strategy: model.routing.defaultStrategy))
        let rating = ratings[unit.name] ?? UnitRating(
            unit: unit.name, breakingPointRPS: nil, source: .unrated,
            explanation: "\(unit.name) has neither benchmark runs nor a manual breaking point.")
        return .ok(.init(body: .json(.init(rating))))
    }

    func whatIf(_ input: Operations.WhatIf.Input) async throws -> Operations.WhatIf.Output {
        let question = try WhatIfQuestion(try await decode(input.body.resourceBody))
        let demand = try Self.demand(question.demandRPS, field: "demandRPS")
        let headroom = try Self.headroom(question.headroom, field: "headroom")
        let stored = try await database.fleetSnapshot()
        guard stored.models.contains(where: { $0.name == question.model }) else {
            throw StoreError.notFound(kind: .model, name: question.model)
        }
        let fleet = try question.apply(to: stored).get()
        let plan = try plan(
            index: FleetIndex(fleet), model: question.model, strategy: question.strategy, demand: demand, headroom: headroom,
            shortPools: Set(question.overrides?.shortPools ?? []))
        return .ok(.init(body: .json(.init(plan))))
    }

    /// One model's plan over a fleet; the model's default strategy when none is asked for.
    private func plan(
        index: FleetIndex, model name: String, strategy: StrategyKind?, demand: Double?, headroom: Double?,
        shortPools: Set<String>
    ) throws -> RoutingPlan {
        guard let model = index.fleet.models.first(where: { $0.name == name }) else {
            throw StoreError.notFound(kind: .model, name: name)
        }
        let input = PlanningInput(
            index: index, model: model, strategy: strategy ?? model.routing.defaultStrategy, shortPools: shortPools,
            demandRPS: demand, headroom: headroom ?? 0.2)
        return planner.plan(input)
    }

    static func demand(_ value: Double?, field: String) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, (0...DomainLimits.maxRPS).contains(value) else {
            throw APIError.invalidParameter(
                field: field,
                detail: "\(field) must be a rate of 0 to \(Int(DomainLimits.maxRPS)) requests per second.")
        }
        return value
    }

    static func headroom(_ value: Double?, field: String) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, DomainLimits.headroom.contains(value) else {
            throw APIError.invalidParameter(field: field, detail: "\(field) must be a fraction within 0...10.")
        }
        return value
    }
}
