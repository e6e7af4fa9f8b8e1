import CMath

/// The arithmetic of one update on a batch. Used by the fast path and, unchanged, by the
/// recorded path. See Workspace for the memory layout and the order of every sum.
/// The loops work on each layer's raw pointers (LayerView); index arithmetic uses &+ and &*
/// because every index is below a buffer's size, which was allocated without overflow.
enum Kernel {
    /// Below this many samples the loops run element by element, in the same order of additions.
    static let smallBatch = 8

    /// Copies the batch's inputs and targets into the workspace.
    static func gather(_ data: Dataset, _ indices: ArraySlice<Int>, _ ws: Workspace, inOrder: Bool = false) {
        // In-order batches (no shuffling) come back each epoch: copy them only once.
        let range = indices.startIndex..<indices.endIndex
        if inOrder && ws.gatheredRange == range { return }
        ws.gatheredRange = inOrder ? range : nil
        let b = ws.batchSize
        let x = ws.a[0], y = ws.y
        let nIn = ws.sizes[0], k = ws.sizes.last!
        for (s, index) in indices.enumerated() {
            data.inputs[index].withUnsafeBufferPointer { row in
                for i in 0..<nIn { x[i &* b &+ s] = row[i] }
            }
            data.targets[index].withUnsafeBufferPointer { row in
                for o in 0..<k { y[o &* b &+ s] = row[o] }
            }
        }
    }

    // MARK: - forward

    /// Forward pass: z = Σ_i w·x (in order of i) + b, then a = f(z).
    static func forward(_ net: Network, _ ws: Workspace) {
        let b = ws.batchSize
        let useBias = net.biasMode != .none
        for (l, layer) in ws.layers.enumerated() {
            weightedSums(layer, batch: b, useBias: useBias)
            let act = net.activations[l]
            if act == .softmax {
                softmax(layer, batch: b, logSumExp: ws.logSumExp.baseAddress!)
            } else {
                apply(act, slope: net.leakySlope, layer.z, layer.a, count: layer.nOut &* b)
            }
        }
    }

    /// z[j][s] = ((0 + w[j][0]·x[0][s]) + w[j][1]·x[1][s]) + … (+ b[j]), a row of z at a time
    /// so that the innermost loop runs over the samples.
    @inline(__always)
    private static func weightedSums(_ layer: LayerView, batch b: Int, useBias: Bool) {
        let nIn = layer.nIn, w = layer.w, x = layer.x, bias = layer.bias
        if b < smallBatch {
            if b <= 4 {
                smallRows(SIMD4<Double>.self, count: layer.nOut, batch: b, terms: nIn, into: layer.z,
                          weight: { j, i in w[j &* nIn &+ i] }, row: { i in x + i &* b },
                          bias: useBias ? { j in bias[j] } : nil)
            } else {
                smallRows(SIMD8<Double>.self, count: layer.nOut, batch: b, terms: nIn, into: layer.z,
                          weight: { j, i in w[j &* nIn &+ i] }, row: { i in x + i &* b },
                          bias: useBias ? { j in bias[j] } : nil)
            }
            return
        }
        for j in 0..<layer.nOut {
            let zRow = layer.z + j &* b, wRow = w + j &* nIn
            zRow.update(repeating: 0, count: b)
            for i in 0..<nIn {
                let wji = wRow[i], xRow = x + i &* b
                for s in 0..<b { zRow[s] += wji * xRow[s] }
            }
            if useBias {
                let bj = bias[j]
                for s in 0..<b { zRow[s] += bj }
            }
        }
    }

    /// For batches below `smallBatch`: out[r][s] = ((0 + weight(r, 0)·row(0)[s]) + weight(r, 1)·row(1)[s])
    /// + … (+ bias(r)), with a whole row of samples in one SIMD value. Lane s is sample s and does
    /// the scalar loop's additions in the scalar loop's order; lanes past B read the buffers' spare
    /// zeros (or the next row) and are never stored.
    @inline(__always)
    private static func smallRows<V: SIMD>(_: V.Type, count: Int, batch b: Int, terms: Int,
                                           into out: UnsafeMutablePointer<Double>,
                                           weight: (Int, Int) -> Double, row: (Int) -> UnsafeMutablePointer<Double>,
                                           bias: ((Int) -> Double)?) where V.Scalar == Double {
        for r in 0..<count {
            var acc = V()
            for t in 0..<terms {
                acc += weight(r, t) * UnsafeRawPointer(row(t)).loadUnaligned(as: V.self)
            }
            if let bias { acc += bias(r) }
            let outRow = out + r &* b
            for s in 0..<b { outRow[s] = acc[s] }
        }
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
        case .sigmoid: for k in 0..<n { a[k] = 1 / (1 + bp_exp(-z[k])) }
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
            weightGradientSums(layer, batch: b, transposed: ws.transposed.baseAddress!)
            if useBias { biasGradientSums(layer, batch: b) }
            guard l > 0, let below = layer.deltaIn, let zBelow = layer.zIn else { break }
            deltasBelow(layer, batch: b, into: below)
            let count = layer.nIn &* b
            derivative(net.activations[l - 1], slope: net.leakySlope, z: zBelow, a: layer.x, times: below, count: count)
        }
    }

    /// ∂L/∂w[j][i] = Σ_s δ_j·a_i, added sample by sample (s = 0, 1, …).
    @inline(__always)
    private static func weightGradientSums(_ layer: LayerView, batch b: Int, transposed xT: UnsafeMutablePointer<Double>) {
        let nIn = layer.nIn, nOut = layer.nOut, d = layer.delta, x = layer.x, g = layer.gradientSumW
        if b < smallBatch {
            for j in 0..<nOut {
                let dRow = d + j &* b, gRow = g + j &* nIn
                for i in 0..<nIn {
                    let xRow = x + i &* b
                    var acc = 0.0
                    for s in 0..<b { acc += dRow[s] * xRow[s] }
                    gRow[i] = acc
                }
            }
            return
        }
        for s in 0..<b {
            for i in 0..<nIn { xT[s &* nIn &+ i] = x[i &* b &+ s] }
        }
        g.update(repeating: 0, count: nIn &* nOut)
        for s in 0..<b {
            let xRow = xT + s &* nIn
            for j in 0..<nOut {
                let dj = d[j &* b &+ s], gRow = g + j &* nIn
                for i in 0..<nIn { gRow[i] += dj * xRow[i] }
            }
        }
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

    /// Σ_j w[j][i]·δ_j (in order of j) for every neuron i below and sample s.
    @inline(__always)
    private static func deltasBelow(_ layer: LayerView, batch b: Int, into dPrev: UnsafeMutablePointer<Double>) {
        let nIn = layer.nIn, nOut = layer.nOut, w = layer.w, d = layer.delta
        if b < smallBatch {
            if b <= 4 {
                smallRows(SIMD4<Double>.self, count: nIn, batch: b, terms: nOut, into: dPrev,
                          weight: { i, j in w[j &* nIn &+ i] }, row: { j in d + j &* b }, bias: nil)
            } else {
                smallRows(SIMD8<Double>.self, count: nIn, batch: b, terms: nOut, into: dPrev,
                          weight: { i, j in w[j &* nIn &+ i] }, row: { j in d + j &* b }, bias: nil)
            }
            return
        }
        for i in 0..<nIn {
            let row = dPrev + i &* b
            row.update(repeating: 0, count: b)
            for j in 0..<nOut {
                let wji = w[j &* nIn &+ i], dRow = d + j &* b
                for s in 0..<b { row[s] += wji * dRow[s] }
            }
        }
    }

    /// δ ← δ·f′(z), with the switch outside the loop.
    @inline(__always)
    private static func derivative(_ act: Activation, slope: Double, z: UnsafeMutablePointer<Double>,
                                   a: UnsafeMutablePointer<Double>, times d: UnsafeMutablePointer<Double>, count n: Int) {
        switch act {
        case .sigmoid: for k in 0..<n { d[k] *= a[k] * (1 - a[k]) }
        case .relu: for k in 0..<n { d[k] *= z[k] > 0 ? 1 : 0 }
        default: for k in 0..<n { d[k] *= act.derivative(z: z[k], a: a[k], slope: slope) }
        }
    }

    // MARK: - the batch's gradient and loss

    /// The gradient of the batch loss: the sums, divided by B for the mean.
    static func reduce(_ ws: Workspace, _ reduction: Reduction) {
        let divisor = Double(ws.batchSize)
        let mean = reduction == .mean
        func reduce(_ sums: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>, count n: Int) {
            if mean {
                for k in 0..<n { out[k] = sums[k] / divisor }
            } else {
                out.update(from: sums, count: n)
            }
        }
        for layer in ws.layers {
            reduce(layer.gradientSumW, into: layer.gradientW, count: layer.nIn &* layer.nOut)
            reduce(layer.gradientSumB, into: layer.gradientB, count: layer.nOut)
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
