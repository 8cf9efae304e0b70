import Testing
@testable import SwitchyardCore

@Suite("Decimal text")
struct DecimalTextTests {
    @Test("Rounds to the places asked for and trims trailing zeros", arguments: [
        (89.2, 2, "89.2"), (105, 2, "105"), (0.0021, 4, "0.0021"), (0.00214, 4, "0.0021"),
        (1.005, 1, "1"), (0.5, 0, "1"), (0.4, 0, "0"), (1_234_567.891, 2, "1234567.89"), (0, 2, "0"),
        (-2.5, 2, "-2.5"), (-0.001, 2, "0"), (7.000_000_001, 9, "7.000000001"), (3, 12, "3"), (12.345, -1, "12"),
    ])
    func format(value: Double, places: Int, expected: String) {
        #expect(DecimalText.format(value, places: places) == expected)
    }

    @Test("Dollars carry four decimals, the sign after the symbol")
    func dollars() {
        #expect(DecimalText.usd(0.031_25) == "$0.0313")
        #expect(DecimalText.usd(12) == "$12")
        #expect(DecimalText.usd(-1.5) == "$-1.5")
    }

    @Test("Numbers beyond exact integers and non-finite numbers are written as Swift writes them")
    func outOfRange() {
        #expect(DecimalText.format(1e20) == "\(1e20)")
        #expect(DecimalText.format(.infinity) == "inf")
        #expect(DecimalText.usd(.nan) == "$nan")
        #expect(DecimalText.format(9_000_000_000_000.5, places: 4) == "\(9_000_000_000_000.5)")
    }
}
