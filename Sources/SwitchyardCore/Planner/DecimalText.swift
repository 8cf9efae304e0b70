/// Fixed-point rendering of numbers for explanations and reasons, without locale or Foundation formatting.
///
/// Plans put a dozen numbers into words per unit, so the digits are written into one stack buffer and become a
/// string once (inline, without an allocation, up to 15 bytes).
enum DecimalText {
    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// `value` rounded to `places` decimals with trailing zeros trimmed: 89.2, 105, 0.0021.
    static func format(_ value: Double, places: Int = 2) -> String {
        render(value, places: places, prefix: nil)
    }

    /// Appends `format(value, places:)` to `text`.
    static func append(_ value: Double, places: Int = 2, to text: inout String) {
        text += render(value, places: places, prefix: nil)
    }

    /// US dollars with four decimals, enough to tell costs per 1,000 inferences apart.
    static func usd(_ value: Double) -> String {
        render(value, places: 4, prefix: UInt8(ascii: "$"))
    }

    private static func render(_ value: Double, places: Int, prefix: UInt8?) -> String {
        guard value.isFinite else { return prefix == nil ? "\(value)" : "$\(value)" }
        let places = max(0, min(places, 9))
        let scale = powersOfTen[places]
        let scaled = (abs(value) * Double(scale)).rounded()
        // Beyond 2^53 the integer split loses meaning; Swift's shortest representation is exact enough.
        guard scaled < 9.0e15 else { return prefix == nil ? "\(value)" : "$\(value)" }
        let units = Int(scaled)
        var fraction = units % scale
        var digits = places
        while digits > 0, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        // At most a sign, a prefix, 16 whole digits, a point and 9 decimals.
        let capacity = 32
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var start = capacity
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            if digits > 0 {
                for _ in 0..<digits {
                    put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10))
                    fraction /= 10
                }
                put(UInt8(ascii: "."))
            }
            var whole = units / scale
            repeat {
                put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole % 10))
                whole /= 10
            } while whole > 0
            if value < 0, units != 0 { put(UInt8(ascii: "-")) }
            if let prefix { put(prefix) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<capacity]), as: UTF8.self)
        }
    }
}
