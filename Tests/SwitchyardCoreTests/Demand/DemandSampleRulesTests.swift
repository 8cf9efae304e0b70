import Foundation
import SwitchyardCore
import Testing

@Suite("Demand sample bounds")
struct DemandSampleRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func sample(rps: Double = 100, at offset: TimeInterval = 0, source: String = "operator") -> DemandSample {
        DemandSample(model: "sd21", observedAt: now.addingTimeInterval(offset), rps: rps, source: source)
    }

    @Test("each broken bound names its field",
          arguments: [
              (sample(rps: 0), [String]()),
              (sample(rps: 10_000_000), []),
              (sample(at: 300), []),
              (sample(at: -86_400), []),
              (sample(rps: -0.001), ["rps"]),
              (sample(rps: 10_000_000.001), ["rps"]),
              (sample(rps: .nan), ["rps"]),
              (sample(rps: -.infinity), ["rps"]),
              (sample(at: 300.5), ["observedAt"]),
              (sample(at: -86_401), ["observedAt"]),
              (sample(source: "unknown"), ["source"]),
              (sample(rps: -1, at: 600, source: "guess"), ["rps", "observedAt", "source"]),
          ])
    func bounds(sample: DemandSample, fields: [String]) {
        #expect(sample.violations(at: Self.now, retentionSeconds: 86_400).map(\.field) == fields)
    }

    @Test("without a retention any past time is accepted")
    func noRetention() {
        #expect(Self.sample(at: -365 * 86_400).violations(at: Self.now).isEmpty)
    }

    @Test("every source the store keeps is accepted")
    func sources() {
        for source in ["prometheus", "cloudwatch", "operator", "replay"] {
            #expect(Self.sample(source: source).violations(at: Self.now).isEmpty, "\(source)")
        }
        #expect(DemandSample.sources.count == 4)
    }
}
