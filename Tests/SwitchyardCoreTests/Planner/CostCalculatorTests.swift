import Testing
import SwitchyardCore

@Suite("Cost calculator")
struct CostCalculatorTests {
    let calculator = CostCalculator()

    /// US$ per 1,000 inferences worked out by hand from Table 1's prices and throughputs:
    /// price × 1000 / (throughput × 3600).
    @Test("Table 1: cost per 1k inferences from price and breaking point", arguments: [
        ("sd21-inf2", 0.0020058201),
        ("sd21-trn1", 0.0028713675),
        ("sd21-g5-triton", 0.0031049383),
        ("sd21-g6-triton", 0.0036648452),
        ("sd21-g5-cuda", 0.0046574074),
    ])
    func table1(unit: String, expectedPer1k: Double) throws {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.cost))
        let entry = try #require(plan.entries.first { $0.unit == unit })
        #expect(abs(entry.costPer1kInferencesUSD - expectedPer1k) < 1e-10)
        #expect(entry.onDemandCostPer1kInferencesUSD == entry.costPer1kInferencesUSD)
        #expect(entry.spotCostPer1kInferencesUSD == nil)
    }

    /// Table 1's last column is price / throughput (US$ per inference-per-second-hour). It matches the
    /// computation for g5-triton, g6-triton and g5-cuda, but the seed slipped on two rows: inf2 is
    /// 0.7582 / 105 = 0.00722 (printed 0.00733) and trn1 is 1.3438 / 130 = 0.01034 (printed 0.01023).
    /// The computed values are asserted; the printed ones only where they are right.
    @Test("Table 1's printed column: three rows agree, inf2 and trn1 are arithmetic slips in the seed")
    func table1PrintedColumn() {
        for row in PlannerFixtures.table1 {
            let perSecond = row.hourly / row.throughput
            let perThousand = calculator.costPer1kInferences(hourlyUSD: row.hourly, breakingPointRPS: row.throughput)
            #expect(perThousand.map { abs($0 * 3.6 - perSecond) < 1e-12 } == true)
            // Within one unit of the last printed digit (g6 prints 0.01320 for 0.013193).
            let agreesWithSeed = abs(perSecond - row.printedCost) < 0.00001
            #expect(agreesWithSeed == !["sd21-inf2", "sd21-trn1"].contains(row.unit), "\(row.unit)")
        }
        #expect(abs(0.7582 / 105 - 0.0072210) < 0.0000005)
        #expect(abs(1.3438 / 130 - 0.0103369) < 0.0000005)
    }

    @Test("Table 1's order, cheapest first, is the cost plan's order")
    func table1Order() {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.cost))
        #expect(plan.entries.map(\.unit) == PlannerFixtures.table1.map(\.unit))
        let costs = plan.entries.map(\.costPer1kInferencesUSD)
        #expect(costs == costs.sorted())
    }

    @Test("On-demand and spot are both reported where both prices exist")
    func onDemandAndSpot() throws {
        let type = PlannerFixtures.instanceType("g5.xlarge", hourly: 1.0060, spot: 0.3600)
        let onDemand = PlannerFixtures.unit("a", type: "g5.xlarge", breakingPoint: 90)
        let spot = PlannerFixtures.unit("b", type: "g5.xlarge", breakingPoint: 90, capacityType: .spot)
        let a = try #require(calculator.cost(of: onDemand, instanceType: type, breakingPointRPS: 90))
        let b = try #require(calculator.cost(of: spot, instanceType: type, breakingPointRPS: 90))
        #expect(abs(a.costPer1kInferencesUSD - 1.006 / 324) < 1e-12)
        #expect(abs(b.costPer1kInferencesUSD - 0.36 / 324) < 1e-12)
        #expect(a.spotCostPer1kInferencesUSD == b.costPer1kInferencesUSD)
        #expect(b.onDemandCostPer1kInferencesUSD == a.costPer1kInferencesUSD)
        #expect(b.hourlyUSD == 0.36)
    }

    @Test("A missing price, type or usable breaking point gives no cost rather than an infinite one")
    func missing() {
        let unit = PlannerFixtures.unit("a", type: "g5.xlarge", breakingPoint: 90, capacityType: .spot)
        let onDemandOnly = PlannerFixtures.instanceType("g5.xlarge", hourly: 1.0)
        #expect(calculator.cost(of: unit, instanceType: onDemandOnly, breakingPointRPS: 90) == nil)
        #expect(calculator.cost(of: unit, instanceType: nil, breakingPointRPS: 90) == nil)
        #expect(calculator.missingPriceDetail(of: unit, instanceType: onDemandOnly).contains("spot"))
        for breakingPoint in [0.0, -1, .nan, .infinity] {
            #expect(calculator.costPer1kInferences(hourlyUSD: 1, breakingPointRPS: breakingPoint) == nil)
        }
        #expect(calculator.costPer1kInferences(hourlyUSD: 0, breakingPointRPS: 10) == nil)
    }
}
