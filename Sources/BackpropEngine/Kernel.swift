import CMath

/// The arithmetic of one update on a batch. Used by the fast path and, unchanged, by the
/// recorded path. See Workspace for the memory layout and the order of every sum.
/// The loops work on each layer's raw pointers (LayerView); index arithmetic uses &+ and &*
/// because every index is below a buffer's size, which was allocated without overflow.
enum Kernel {
    /// Copies the batch's inputs and targets into the workspace.
    static func gather(_ data: Dataset, _ indices: ArraySlice<Int>, _ ws: Workspace, inOrder: Bool = false) {
        // In-order batches (no shuffling) come back each epoch: copy them only once.
        let range = indices.startIndex..<indices.endIndex
        if inOrder && ws.gatheredRange == range { return }
        ws.gatheredRange = inOrder ? range : nil
        let b = ws.batchSize
        let rows = ws.inputRows.baseAddress!, y = ws.y
        let nIn = ws.sizes[0], k = ws.sizes.last!
        // each sample's inputs as one contiguous copy, then turned feature-major (see transpose)
        for (s, index) in indices.enumerated() {
            // the copies below read nIn and k values: a shorter row must stop here, not read past its end
            precondition(data.inputs[index].count == nIn && data.targets[index].count == k,
                         "sample \(index) does not fit a \(nIn)-input, \(k)-output network")
            data.inputs[index].withUnsafeBufferPointer { row in
                (rows + s &* nIn).update(from: row.baseAddress!, count: nIn)
            }
            data.targets[index].withUnsafeBufferPointer { row in
                for o in 0..<k { y[o &* b &+ s] = row[o] }
            }
        }
        transpose(rows, rows: b, columns: nIn, into: ws.a[0].baseAddress!)
    }

    /// out[c][r] = m[r][c] for an R × C matrix m. The stores run in order (a strided store is
    /// far slower than a strided load: it writes part of a cache line at a time).
    @inline(__always)
    static func transpose(_ m: UnsafePointer<Double>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Double>) {
        for c in 0..<columns {
            let o = out + c &* rows
            for r in 0..<rows { o[r] = m[r &* columns &+ c] }
        }
    }

    // MARK: - forward

    /// Forward pass: z = Σ_i w·x (in order of i) + b, then a = f(z); in a batch-normalized layer
    /// z = Σ_i w·x, u = γ·ẑ + β, a = f(u) (BatchNorm.swift), normalized with the batch's statistics
    /// in `training`, else the running ones; + a_from where a skip leads in (Residual.swift).
    static func forward(_ net: Network, _ ws: Workspace, training: Bool) {
        let b = ws.batchSize
        let useBias = net.biasMode != .none
        for (l, layer) in ws.layers.enumerated() {
            weightedSums(layer, batch: b, useBias: useBias && layer.norm == nil)
            if let norm = layer.norm { BatchNorm.forward(norm.rule, training: training) }
            let act = net.activations[l]
            if act == .softmax {
                softmax(layer, batch: b, logSumExp: ws.logSumExp.baseAddress!)
            } else {
                apply(act, slope: net.leakySlope, layer.u, layer.activated, count: layer.nOut &* b)
            }
            if let skip = layer.skip {
                ResidualSkip.forward(activated: layer.activated, skip: skip, into: layer.a, count: layer.nOut &* b)
            }
        }
    }

    /// z[j][s] = ((0 + w[j][0]·x[0][s]) + w[j][1]·x[1][s]) + … (+ b[j]): Z = W·X, rows j, columns s.
    @inline(__always)
    private static func weightedSums(_ layer: LayerView, batch b: Int, useBias: Bool) {
        Products.multiply(rows: layer.nOut, columns: b, terms: layer.nIn,
                          coef: layer.w, rowStride: layer.nIn, termStride: 1,
                          src: layer.x, srcStride: b, out: layer.z, outStride: b,
                          bias: useBias ? UnsafePointer(layer.bias) : nil)
    }

    /// Softmax of each sample's outputs, shifted by their largest z; keeps log Σ e^z for the loss.
    private static func softmax(_ layer: LayerView, batch b: Int, logSumExp: UnsafeMutablePointer<Double>) {
        let z = layer.z, a = layer.a, nOut = layer.nOut
        for s in 0..<b {
            var shift = z[s]
            for j in 1..<nOut where z[j &* b &+ s] > shift { shift = z[j &* b &+ s] }
            var sum = 0.0
            for j in 0..<nOut {
                let e = bp_exp(z[j &* b &+ s] - shift)
                a[j &* b &+ s] = e
                sum += e
            }
            for j in 0..<nOut { a[j &* b &+ s] /= sum }
            logSumExp[s] = shift + bp_log(sum)
        }
    }

    /// a = f(z) over a whole layer, with the switch outside the loop.
    @inline(__always)
    private static func apply(_ act: Activation, slope: Double, _ z: UnsafeMutablePointer<Double>,
                              _ a: UnsafeMutablePointer<Double>, count n: Int) {
        switch act {
        case .sigmoid:
            // every e^(−z) first, then the divisions in a loop of their own that runs four at a
            // time: the same operations, but no division waits behind each call of exp
            for k in 0..<n { a[k] = bp_exp(-z[k]) }
            for k in 0..<n { a[k] = 1 / (1 + a[k]) }
        case .relu: for k in 0..<n { a[k] = z[k] > 0 ? z[k] : 0 }
        default: for k in 0..<n { a[k] = act.apply(z[k], slope: slope) }
        }
    }

    // MARK: - loss

    /// Sample losses, ∂L/∂ŷ and the output δ.
    static func loss(_ net: Network, _ loss: Loss, _ ws: Workspace) {
        let b = ws.batchSize
        let top = ws.layers[ws.layers.count - 1]
        let k = top.nOut
        let act = net.activations[net.weightLayerCount - 1]
        let slope = net.leakySlope
        let p = top.a, z = top.z, delta = top.delta
        let y = ws.y.baseAddress!, dLdy = ws.outputGradient.baseAddress!
        let lse = ws.logSumExp.baseAddress!, sampleLoss = ws.sampleLoss.baseAddress!
        let fused = loss.fusesWithOutputActivation
        for s in 0..<b {
            var total = 0.0
            for o in 0..<k {
                let idx = o &* b &+ s
                total += loss.share(prediction: p[idx], target: y[idx], z: z[idx], outputs: k, logSumExp: lse[s])
                dLdy[idx] = loss.gradient(prediction: p[idx], target: y[idx], outputs: k)
                if fused {
                    // σ with bce, softmax with cross-entropy: ∂L/∂z = ŷ − y (÷K for bce's mean)
                    delta[idx] = loss == .bce ? (p[idx] - y[idx]) / Double(k) : p[idx] - y[idx]
                } else {
                    delta[idx] = dLdy[idx] * act.derivative(z: z[idx], a: p[idx], slope: slope)
                }
            }
            sampleLoss[s] = total
        }
    }

    // MARK: - backward

    /// Backward pass: δ of every hidden layer, and each parameter's gradient summed over the batch.
    static func backward(_ net: Network, _ ws: Workspace) {
        let b = ws.batchSize
        let useBias = net.biasMode != .none
        let layers = ws.layers
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            // the inputs are already sample-major in inputRows (gather made them)
            let sampleMajor = l == 0 ? ws.inputRows.baseAddress! : ws.transposed.baseAddress!
            if l > 0 { transpose(layer.x, rows: layer.nIn, columns: b, into: sampleMajor) }
            weightGradientSums(layer, batch: b, sampleMajor: sampleMajor)
            if useBias && layer.norm == nil { biasGradientSums(layer, batch: b) }
            guard l > 0, let below = layer.deltaIn, let uBelow = layer.uIn else { break }
            // ∂L/∂a of the layer below (in place in its δ unless a skip leads into it or it is
            // normalized), plus the gradient along a skip out of it; then ∂L/∂u = ∂L/∂a · f′(u),
            // which is δ = ∂L/∂z unless the layer is normalized: then δ comes through BatchNorm
            let count = layer.nIn &* b
            deltasBelow(layer, batch: b, into: layer.upstreamIn)
            if let along = layer.skipGradientIn { ResidualSkip.backward(alongSkip: along, into: layer.upstreamIn, count: count) }
            derivative(net.activations[l - 1], slope: net.leakySlope, z: uBelow, a: layer.activatedIn,
                       upstream: layer.upstreamIn, into: layer.duIn, count: count)
            if let norm = layers[l - 1].norm {
                BatchNorm.backward(norm.rule, upstream: norm.du, delta: below,
                                   scaleGradient: norm.gradientSumScale, shiftGradient: norm.gradientSumShift)
            }
        }
    }

    /// ∂L/∂w[j][i] = Σ_s δ_j·a_i, added sample by sample (s = 0, 1, …): G = Δ·Aᵀ, rows j, columns i,
    /// reading the inputs sample-major (xT[s][i]) so that a row of a tile (consecutive i) is one load.
    @inline(__always)
    private static func weightGradientSums(_ layer: LayerView, batch b: Int, sampleMajor xT: UnsafePointer<Double>) {
        Products.multiply(rows: layer.nOut, columns: layer.nIn, terms: b,
                          coef: layer.delta, rowStride: b, termStride: 1,
                          src: xT, srcStride: layer.nIn, out: layer.gradientSumW, outStride: layer.nIn, bias: nil)
    }

    /// ∂L/∂b[j] = Σ_s δ_j, in order of s.
    @inline(__always)
    private static func biasGradientSums(_ layer: LayerView, batch b: Int) {
        let d = layer.delta, gb = layer.gradientSumB
        for j in 0..<layer.nOut {
            let dRow = d + j &* b
            var acc = 0.0
            for s in 0..<b { acc += dRow[s] }
            gb[j] = acc
        }
    }

    /// Σ_j w[j][i]·δ_j (in order of j) for every neuron i below and sample s: Wᵀ·Δ, rows i, columns s.
    @inline(__always)
    private static func deltasBelow(_ layer: LayerView, batch b: Int, into dPrev: UnsafeMutablePointer<Double>) {
        Products.multiply(rows: layer.nIn, columns: b, terms: layer.nOut,
                          coef: layer.w, rowStride: 1, termStride: layer.nIn,
                          src: layer.delta, srcStride: b, out: dPrev, outStride: b, bias: nil)
    }

    /// δ = g·f′(z) with a = f(z), with the switch outside the loop (g and δ may be one buffer).
    @inline(__always)
    private static func derivative(_ act: Activation, slope: Double, z: UnsafeMutablePointer<Double>,
                                   a: UnsafeMutablePointer<Double>, upstream g: UnsafeMutablePointer<Double>,
                                   into d: UnsafeMutablePointer<Double>, count n: Int) {
        switch act {
        case .sigmoid: for k in 0..<n { d[k] = g[k] * (a[k] * (1 - a[k])) }
        case .relu: for k in 0..<n { d[k] = g[k] * (z[k] > 0 ? 1 : 0) }
        default: for k in 0..<n { d[k] = g[k] * act.derivative(z: z[k], a: a[k], slope: slope) }
        }
    }

    // MARK: - the batch's gradient and loss

    /// The gradient of the batch loss: the sums, divided by B for the mean.
    static func reduce(_ ws: Workspace, _ reduction: Reduction) {
        let scale = GradientScale.dividing(by: Double(ws.batchSize))
        let mean = reduction == .mean
        func reduce(_ sums: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>, count n: Int) {
            if mean {
                // the same numbers as the fast path's update, which divides as it reads the sums
                switch scale {
                case .multiply(let r): for k in 0..<n { out[k] = sums[k] * r }
                default: for k in 0..<n { out[k] = scale.apply(sums[k]) }
                }
            } else {
                out.update(from: sums, count: n)
            }
        }
        for layer in ws.layers {
            reduce(layer.gradientSumW, into: layer.gradientW, count: layer.nIn &* layer.nOut)
            reduce(layer.gradientSumB, into: layer.gradientB, count: layer.nOut)
            if let norm = layer.norm {
                reduce(norm.gradientSumScale, into: norm.gradientScale, count: layer.nOut)
                reduce(norm.gradientSumShift, into: norm.gradientShift, count: layer.nOut)
            }
        }
    }

    /// The batch loss from the sample losses (added in order of s).
    static func batchLoss(_ ws: Workspace, _ reduction: Reduction) -> Double {
        var total = 0.0
        let losses = ws.sampleLoss.baseAddress!
        for s in 0..<ws.batchSize { total += losses[s] }
        return reduction == .mean ? total / Double(ws.batchSize) : total
    }
}
