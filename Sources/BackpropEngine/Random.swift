/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit state advanced by a fixed odd constant and
/// mixed by two multiply-xorshift rounds. It is tiny, fast, and defined entirely by integer
/// arithmetic, so one seed yields the same numbers on every machine and in every release.
/// Doubles take the top 53 bits: `Double(next() >> 11) * 0x1p-53`, uniform in [0, 1).
public struct SplitMix64: Sendable, Equatable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    public mutating func nextDouble(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// An integer in 0..<bound, by Lemire's multiply-high (no modulo bias worth the name).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Fisher–Yates shuffle driven by this generator.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, nextInt(below: i + 1))
        }
    }
}
