import Testing
import SwitchyardCore

@Suite("Weight apportioner")
struct WeightApportionerTests {
    let apportioner = WeightApportioner()

    @Test("Largest remainder to the total", arguments: [
        ([1.0, 1, 1], 100, [34, 33, 33]),
        ([2.0, 1], 999, [666, 333]),
        ([0.0, 0], 100, [0, 0]),
        ([5.0, .nan, -3, .infinity], 10, [10, 0, 0, 0]),
        ([1.0], 1, [1]),
        ([1.0, 1], 1, [1, 0]),
    ])
    func table(scores: [Double], total: Int, expected: [Int]) {
        #expect(apportioner.apportion(scores, total: total) == expected)
    }

    @Test("Totals outside 0...999 are clamped")
    func clamped() {
        #expect(apportioner.apportion([1, 1], total: 5000) == [500, 499])
        #expect(apportioner.apportion([1, 1], total: -3) == [0, 0])
    }

    @Test("Random scores always sum to the total, each within 0...999, never ranking a larger score lower")
    func properties() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let scores = (0..<Int.random(in: 1...8, using: &random)).map { _ in Double.random(in: 0...5, using: &random) }
            let total = Int.random(in: 1...999, using: &random)
            let weights = apportioner.apportion(scores, total: total)
            #expect(weights.reduce(0, +) == total)
            #expect(weights.allSatisfy { (0...999).contains($0) })
            for i in scores.indices {
                for j in scores.indices where scores[i] > scores[j] {
                    #expect(weights[i] >= weights[j])
                }
            }
        }
    }
}
