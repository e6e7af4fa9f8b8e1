import CMath

/// The arithmetic of one update on a batch. Used by the fast path and, unchanged, by the
/// recorded path. See Workspace for the memory layout and the order of every sum.
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
                for i in 0..<nIn { x[i * b + s] = row[i] }
            }
            data.targets[index].withUnsafeBufferPointer { row in
                for o in 0..<k { y[o * b + s] = row[o] }
            }
        }
    }

    /// Forward pass: z = Σ_i w·x (in order of i) + b, then a = f(z).
    static func forward(_ net: Network, _ ws: Workspace) {
        let b = ws.batchSize
        let sizes = net.layerSizes
        let useBias = net.biasMode != .none
        let slope = net.leakySlope
        for l in 0..<net.weightLayerCount {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let x = ws.a[l], z = ws.z[l + 1], a = ws.a[l + 1]
            net.parameters.weights[l].withUnsafeBufferPointer { w in
                net.parameters.biases[l].withUnsafeBufferPointer { bias in
                    if b < smallBatch {
                        // the same sums, one element at a time: short loops don't pay for vectorizing
                        for j in 0..<nOut {
                            for s in 0..<b {
                                var acc = 0.0
                                for i in 0..<nIn { acc += w[j * nIn + i] * x[i * b + s] }
                                if useBias { acc += bias[j] }
                                z[j * b + s] = acc
                            }
                        }
                        return
                    }
                    for j in 0..<nOut {
                        let zRow = z.baseAddress! + j * b
                        for s in 0..<b { zRow[s] = 0 }
                        for i in 0..<nIn {
                            let wji = w[j * nIn + i]
                            let xRow = x.baseAddress! + i * b
                            for s in 0..<b { zRow[s] += wji * xRow[s] }
                        }
                        if useBias {
                            let bj = bias[j]
                            for s in 0..<b { zRow[s] += bj }
                        }
                    }
                }
            }
            let act = net.activations[l]
            if act == .softmax {
                for s in 0..<b {
                    var shift = z[s]
                    for j in 1..<nOut where z[j * b + s] > shift { shift = z[j * b + s] }
                    var sum = 0.0
                    for j in 0..<nOut {
                        let e = bp_exp(z[j * b + s] - shift)
                        a[j * b + s] = e
                        sum += e
                    }
                    for j in 0..<nOut { a[j * b + s] /= sum }
                    ws.logSumExp[s] = shift + bp_log(sum)
                }
            } else {
                apply(act, slope: slope, z, a, count: nOut * b)
            }
        }
    }

    /// a = f(z) over a whole layer, with the switch outside the loop.
    private static func apply(_ act: Activation, slope: Double, _ z: UnsafeMutableBufferPointer<Double>,
                              _ a: UnsafeMutableBufferPointer<Double>, count n: Int) {
        switch act {
        case .sigmoid: for k in 0..<n { a[k] = 1 / (1 + bp_exp(-z[k])) }
        case .relu: for k in 0..<n { a[k] = z[k] > 0 ? z[k] : 0 }
        default: for k in 0..<n { a[k] = act.apply(z[k], slope: slope) }
        }
    }

    /// Sample losses, ∂L/∂ŷ and the output δ.
    static func loss(_ net: Network, _ loss: Loss, _ ws: Workspace) {
        let b = ws.batchSize
        let top = net.weightLayerCount
        let k = net.layerSizes[top]
        let act = net.activations[top - 1]
        let slope = net.leakySlope
        let p = ws.a[top], z = ws.z[top], y = ws.y, dLdy = ws.outputGradient, delta = ws.delta[top]
        let fused = loss.fusesWithOutputActivation
        for s in 0..<b {
            var total = 0.0
            let lse = ws.logSumExp[s]
            for o in 0..<k {
                let idx = o * b + s
                total += loss.share(prediction: p[idx], target: y[idx], z: z[idx], outputs: k, logSumExp: lse)
                dLdy[idx] = loss.gradient(prediction: p[idx], target: y[idx], outputs: k)
                if fused {
                    // σ with bce, softmax with cross-entropy: ∂L/∂z = ŷ − y (÷K for bce's mean)
                    delta[idx] = loss == .bce ? (p[idx] - y[idx]) / Double(k) : p[idx] - y[idx]
                } else {
                    delta[idx] = dLdy[idx] * act.derivative(z: z[idx], a: p[idx], slope: slope)
                }
            }
            ws.sampleLoss[s] = total
        }
    }

    /// Backward pass: δ of every hidden layer, and each parameter's gradient summed over the batch.
    static func backward(_ net: Network, _ ws: Workspace) {
        let b = ws.batchSize
        let sizes = net.layerSizes
        let slope = net.leakySlope
        for l in stride(from: net.weightLayerCount - 1, through: 0, by: -1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let d = ws.delta[l + 1], x = ws.a[l], xT = ws.transposed
            let g = ws.gradientSumW[l], gb = ws.gradientSumB[l]
            // ∂L/∂w[j][i] = Σ_s δ_j·a_i, added sample by sample (s = 0, 1, …)
            if b < smallBatch {
                for j in 0..<nOut {
                    for i in 0..<nIn {
                        var acc = 0.0
                        for s in 0..<b { acc += d[j * b + s] * x[i * b + s] }
                        g[j * nIn + i] = acc
                    }
                }
            } else {
                for s in 0..<b { for i in 0..<nIn { xT[s * nIn + i] = x[i * b + s] } }
                for k in 0..<(nIn * nOut) { g[k] = 0 }
                for s in 0..<b {
                    let xRow = xT.baseAddress! + s * nIn
                    for j in 0..<nOut {
                        let dj = d[j * b + s]
                        let gRow = g.baseAddress! + j * nIn
                        for i in 0..<nIn { gRow[i] += dj * xRow[i] }
                    }
                }
            }
            if net.biasMode != .none {
                for j in 0..<nOut {
                    var acc = 0.0
                    for s in 0..<b { acc += d[j * b + s] }
                    gb[j] = acc
                }
            }
            guard l > 0 else { break }
            // δ of layer l: (Σ_j w[j][i]·δ_j, in order of j) · f′(z_i)
            let act = net.activations[l - 1]
            let dPrev = ws.delta[l], zl = ws.z[l], al = ws.a[l]
            net.parameters.weights[l].withUnsafeBufferPointer { w in
                if b < smallBatch {
                    for i in 0..<nIn {
                        for s in 0..<b {
                            var acc = 0.0
                            for j in 0..<nOut { acc += w[j * nIn + i] * d[j * b + s] }
                            dPrev[i * b + s] = acc
                        }
                    }
                    return
                }
                for i in 0..<nIn {
                    let row = dPrev.baseAddress! + i * b
                    for s in 0..<b { row[s] = 0 }
                    for j in 0..<nOut {
                        let wji = w[j * nIn + i]
                        let dRow = d.baseAddress! + j * b
                        for s in 0..<b { row[s] += wji * dRow[s] }
                    }
                }
            }
            switch act {
            case .sigmoid:
                for k in 0..<(nIn * b) { dPrev[k] *= al[k] * (1 - al[k]) }
            case .relu:
                for k in 0..<(nIn * b) { dPrev[k] *= zl[k] > 0 ? 1 : 0 }
            default:
                for k in 0..<(nIn * b) { dPrev[k] *= act.derivative(z: zl[k], a: al[k], slope: slope) }
            }
        }
    }

    /// The gradient of the batch loss: the sums, divided by B for the mean.
    static func reduce(_ ws: Workspace, _ reduction: Reduction) {
        let divisor = Double(ws.batchSize)
        let mean = reduction == .mean
        for l in ws.gradientW.indices {
            for (sums, out) in [(ws.gradientSumW[l], ws.gradientW[l]), (ws.gradientSumB[l], ws.gradientB[l])] {
                for k in 0..<sums.count { out[k] = mean ? sums[k] / divisor : sums[k] }
            }
        }
    }

    /// The batch loss from the sample losses (added in order of s).
    static func batchLoss(_ ws: Workspace, _ reduction: Reduction) -> Double {
        var total = 0.0
        for v in ws.sampleLoss { total += v }
        return reduction == .mean ? total / Double(ws.batchSize) : total
    }
}
