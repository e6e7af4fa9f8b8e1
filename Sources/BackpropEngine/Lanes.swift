/// Four Doubles at a time: the vector width of the engine's kernels (Products and the optimizer
/// updates), with the loads and stores for a row's end, where fewer than four values remain.
enum Lanes {
    typealias Vector = SIMD4<Double>
    static let count = Vector.scalarCount

    /// Four values from p (p may be unaligned).
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    /// n ≤ 4 values from p; the lanes past them are 0 (and give a finite, unused result).
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ n: Int) -> Vector {
        if n == count { return load(p) }
        var v = Vector()
        for l in 0..<n { v[l] = p[l] }
        return v
    }

    /// The first n lanes of v (the rest belong to columns past the end).
    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>, _ n: Int) {
        if n == count {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
        } else {
            for l in 0..<n { p[l] = v[l] }
        }
    }
}
