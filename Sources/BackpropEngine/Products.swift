/// The three matrix products of a batch — forward z = W·x, backward δ′ = Wᵀ·δ, and the weight
/// gradient Σ_s δ·aᵀ — as one register-blocked kernel:
///
///     out[r][c] = (((0 + k(r,0)·src[0][c]) + k(r,1)·src[1][c]) + …) (+ bias[r])
///
/// with the coefficient k(r, t) = coef[r·rowStride + t·termStride]. Each output is added up in
/// exactly that order (terms t = 0, 1, …, from zero, then the bias), the order Reference.swift and
/// the recorded path document; only the order in which different outputs are worked on changes.
/// Nothing is fused into a multiply-add (Swift does not contract a·b + c), so the numbers are the
/// plain loops' numbers, bit for bit.
///
/// Why it is shaped so: a tile of 4 rows × 8 columns (8 SIMD4 accumulators: 8 AVX registers, or 16 SSE ones)
/// stays in registers for the whole sum; each term then costs two vector loads of src, shared by
/// the 4 rows, and 4 scalar coefficients, each shared by the 8 columns — instead of reloading
/// and storing a row of out for every term. (A row's last columns go 4 at a time.) Columns are the contiguous dimension of src and out
/// (samples in forward and δ′, inputs in the gradient), so a tile's loads and stores are vectors.
/// Rows are walked in the outer loop so that a tile-row of coefficients (4 × terms, 25 KB for
/// 784 inputs) stays in the first-level cache while all the column tiles pass over it.
enum Products {
    /// Values a column tile may read past the end of a row (never stored): every workspace
    /// buffer has at least this many spare zeros after it.
    static let overrun = Lanes.count - 1

    @inline(__always)
    static func multiply(rows: Int, columns: Int, terms: Int,
                         coef: UnsafePointer<Double>, rowStride: Int, termStride: Int,
                         src: UnsafePointer<Double>, srcStride: Int,
                         out: UnsafeMutablePointer<Double>, outStride: Int,
                         bias: UnsafePointer<Double>?) {
        let w = Lanes.count
        var r = 0
        while r &+ 4 <= rows {
            let k0 = coef + r &* rowStride, k1 = k0 + rowStride, k2 = k1 + rowStride, k3 = k2 + rowStride
            var c = 0
            // 4 rows × 8 columns: 8 independent sums, enough to keep both adders busy while each
            // addition waits for the one before it in its sum
            while c &+ 2 &* w <= columns {
                var a0 = Lanes.Vector(), a1 = Lanes.Vector(), a2 = Lanes.Vector(), a3 = Lanes.Vector()
                var b0 = Lanes.Vector(), b1 = Lanes.Vector(), b2 = Lanes.Vector(), b3 = Lanes.Vector()
                var s = src + c, k = 0
                for _ in 0..<terms {
                    let u = Lanes.load(s), v = Lanes.load(s + w)
                    let c0 = k0[k], c1 = k1[k], c2 = k2[k], c3 = k3[k]
                    a0 += c0 * u
                    b0 += c0 * v
                    a1 += c1 * u
                    b1 += c1 * v
                    a2 += c2 * u
                    b2 += c2 * v
                    a3 += c3 * u
                    b3 += c3 * v
                    s += srcStride
                    k &+= termStride
                }
                if let bias {
                    a0 += bias[r]
                    b0 += bias[r]
                    a1 += bias[r &+ 1]
                    b1 += bias[r &+ 1]
                    a2 += bias[r &+ 2]
                    b2 += bias[r &+ 2]
                    a3 += bias[r &+ 3]
                    b3 += bias[r &+ 3]
                }
                let o = out + (r &* outStride &+ c)
                Lanes.store(a0, o, w)
                Lanes.store(b0, o + w, w)
                Lanes.store(a1, o + outStride, w)
                Lanes.store(b1, o + (outStride &+ w), w)
                Lanes.store(a2, o + 2 &* outStride, w)
                Lanes.store(b2, o + (2 &* outStride &+ w), w)
                Lanes.store(a3, o + 3 &* outStride, w)
                Lanes.store(b3, o + (3 &* outStride &+ w), w)
                c &+= 2 &* w
            }
            // the last columns (fewer than 8) 4 at a time
            while c < columns {
                var a0 = Lanes.Vector(), a1 = Lanes.Vector(), a2 = Lanes.Vector(), a3 = Lanes.Vector()
                var s = src + c, k = 0
                for _ in 0..<terms {
                    let v = Lanes.load(s)
                    a0 += k0[k] * v
                    a1 += k1[k] * v
                    a2 += k2[k] * v
                    a3 += k3[k] * v
                    s += srcStride
                    k &+= termStride
                }
                if let bias {
                    a0 += bias[r]
                    a1 += bias[r &+ 1]
                    a2 += bias[r &+ 2]
                    a3 += bias[r &+ 3]
                }
                let o = out + (r &* outStride &+ c), n = min(w, columns &- c)
                Lanes.store(a0, o, n)
                Lanes.store(a1, o + outStride, n)
                Lanes.store(a2, o + 2 &* outStride, n)
                Lanes.store(a3, o + 3 &* outStride, n)
                c &+= w
            }
            r &+= 4
        }
        // the last rows, one at a time, in the same order of additions
        while r < rows {
            let k0 = coef + r &* rowStride
            var c = 0
            while c < columns {
                var a0 = Lanes.Vector()
                var s = src + c, k = 0
                for _ in 0..<terms {
                    a0 += k0[k] * Lanes.load(s)
                    s += srcStride
                    k &+= termStride
                }
                if let bias { a0 += bias[r] }
                Lanes.store(a0, out + (r &* outStride &+ c), min(w, columns &- c))
                c &+= w
            }
            r &+= 1
        }
    }
}
