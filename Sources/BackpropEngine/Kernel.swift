import CMath

/// Scratch arrays for one batch, feature-major: value of neuron j for sample s at [j * B + s],
/// so the innermost loops run over samples and each sum is taken in a fixed order
/// (inputs i = 0, 1, … then the bias; samples s = 0, 1, …). The recorded path keeps a copy of
/// these arrays; that is why it gives bit-for-bit the numbers of the fast path.
final class Workspace {
    let batchSize: Int
    /// a[l]: activations of neuron layer l (a[0] = inputs)
    var a: [[Double]]
    /// z[l]: weighted sums of neuron layer l (z[0] unused, empty)
    var z: [[Double]]
    /// delta[l] = ∂L_s/∂z of neuron layer l, per sample, before the reduction
    var delta: [[Double]]
    /// ∂L_s/∂ŷ of the outputs
    var outputGradient: [Double]
    /// the sample losses, and the log Σ e^z of softmax outputs (for cross-entropy)
    var sampleLoss: [Double]
    var logSumExp: [Double]
    /// Σ over the batch of each parameter's per-sample gradient (before the reduction)
    var gradientSum: Parameters
    /// the gradient of the batch loss
    var gradient: Parameters

    init(network: Network, batchSize b: Int) {
        batchSize = b
        let sizes = network.layerSizes
        a = sizes.map { [Double](repeating: 0, count: $0 * b) }
        z = sizes.enumerated().map { $0.offset == 0 ? [] : [Double](repeating: 0, count: $0.element * b) }
        delta = z
        outputGradient = [Double](repeating: 0, count: sizes.last! * b)
        sampleLoss = [Double](repeating: 0, count: b)
        logSumExp = [Double](repeating: 0, count: b)
        gradientSum = network.parameters.zeroed()
        gradient = gradientSum
    }
}

enum Kernel {
    /// Forward pass of a batch into ws.a / ws.z.
    static func forward(_ net: Network, _ batch: Batch, _ ws: Workspace) {
        let b = batch.count
        precondition(b == ws.batchSize)
        let sizes = net.layerSizes
        ws.a[0].withUnsafeMutableBufferPointer { x in
            for s in 0..<b {
                let row = batch.inputs[s]
                for i in 0..<sizes[0] { x[i * b + s] = row[i] }
            }
        }
        for l in 0..<net.weightLayerCount {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let act = net.activations[l]
            let useBias = net.biasMode != .none
            let slope = net.leakySlope
            net.parameters.weights[l].withUnsafeBufferPointer { w in
            net.parameters.biases[l].withUnsafeBufferPointer { bias in
            ws.a[l].withUnsafeBufferPointer { x in
            ws.z[l + 1].withUnsafeMutableBufferPointer { z in
                for k in 0..<(nOut * b) { z[k] = 0 }
                for j in 0..<nOut {
                    let zRow = j * b
                    for i in 0..<nIn {
                        let wji = w[j * nIn + i], xRow = i * b
                        for s in 0..<b { z[zRow + s] += wji * x[xRow + s] }
                    }
                    if useBias {
                        let bj = bias[j]
                        for s in 0..<b { z[zRow + s] += bj }
                    }
                }
            }}}}
            ws.z[l + 1].withUnsafeBufferPointer { z in
            ws.a[l + 1].withUnsafeMutableBufferPointer { a in
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
                    for k in 0..<(nOut * b) { a[k] = act.apply(z[k], slope: slope) }
                }
            }}
        }
    }

    /// Sample losses, ∂L/∂ŷ and the output δ.
    static func loss(_ net: Network, _ batch: Batch, _ loss: Loss, _ ws: Workspace) {
        let b = batch.count
        let top = net.weightLayerCount
        let k = net.layerSizes[top]
        let act = net.activations[top - 1]
        let slope = net.leakySlope
        for s in 0..<b {
            let y = batch.targets[s]
            var total = 0.0
            for o in 0..<k {
                let idx = o * b + s
                let p = ws.a[top][idx], zv = ws.z[top][idx]
                total += loss.share(prediction: p, target: y[o], z: zv, outputs: k, logSumExp: ws.logSumExp[s])
                ws.outputGradient[idx] = loss.gradient(prediction: p, target: y[o], outputs: k)
                if loss.fusesWithOutputActivation {
                    // σ with bce, softmax with cross-entropy: ∂L/∂z = (ŷ − y), over K for bce
                    ws.delta[top][idx] = loss == .bce ? (p - y[o]) / Double(k) : p - y[o]
                } else {
                    ws.delta[top][idx] = ws.outputGradient[idx] * act.derivative(z: zv, a: p, slope: slope)
                }
            }
            ws.sampleLoss[s] = total
        }
    }

    /// Backward pass: δ of every hidden layer, and the gradient sums of every parameter.
    static func backward(_ net: Network, _ ws: Workspace) {
        let b = ws.batchSize
        let sizes = net.layerSizes
        let slope = net.leakySlope
        for l in stride(from: net.weightLayerCount - 1, through: 0, by: -1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            // ∂L/∂w[j][i] summed over the batch, sample by sample
            // (local arrays: two inout accesses to ws.gradientSum at once would conflict)
            var gW = ws.gradientSum.weights[l], gB = ws.gradientSum.biases[l]
            ws.gradientSum.weights[l] = []
            ws.gradientSum.biases[l] = []
            defer {
                ws.gradientSum.weights[l] = gW
                ws.gradientSum.biases[l] = gB
            }
            ws.delta[l + 1].withUnsafeBufferPointer { d in
            ws.a[l].withUnsafeBufferPointer { x in
            gW.withUnsafeMutableBufferPointer { g in
            gB.withUnsafeMutableBufferPointer { gb in
                for j in 0..<nOut {
                    let dRow = j * b
                    for i in 0..<nIn {
                        let xRow = i * b
                        var acc = 0.0
                        for s in 0..<b { acc += d[dRow + s] * x[xRow + s] }
                        g[j * nIn + i] = acc
                    }
                    var accB = 0.0
                    for s in 0..<b { accB += d[dRow + s] }
                    gb[j] = accB
                }
            }}}}
            guard l > 0 else { break }
            // δ of layer l: (Σ_j w[j][i]·δ_j) · f′(z_i)
            let act = net.activations[l - 1]
            net.parameters.weights[l].withUnsafeBufferPointer { w in
            let upstream = ws.delta[l + 1]
            upstream.withUnsafeBufferPointer { d in
            ws.delta[l].withUnsafeMutableBufferPointer { dPrev in
            ws.z[l].withUnsafeBufferPointer { z in
            ws.a[l].withUnsafeBufferPointer { a in
                for k in 0..<(nIn * b) { dPrev[k] = 0 }
                for i in 0..<nIn {
                    let row = i * b
                    for j in 0..<nOut {
                        let wji = w[j * nIn + i], dRow = j * b
                        for s in 0..<b { dPrev[row + s] += wji * d[dRow + s] }
                    }
                    for s in 0..<b {
                        dPrev[row + s] *= act.derivative(z: z[row + s], a: a[row + s], slope: slope)
                    }
                }
            }}}}}
        }
    }

    /// The gradient of the batch loss: the sums, divided by B for the mean.
    static func reduce(_ ws: Workspace, _ reduction: Reduction) {
        let divisor = Double(ws.batchSize)
        for l in ws.gradientSum.weights.indices {
            for k in ws.gradientSum.weights[l].indices {
                let v = ws.gradientSum.weights[l][k]
                ws.gradient.weights[l][k] = reduction == .mean ? v / divisor : v
            }
            for k in ws.gradientSum.biases[l].indices {
                let v = ws.gradientSum.biases[l][k]
                ws.gradient.biases[l][k] = reduction == .mean ? v / divisor : v
            }
        }
    }

    /// The batch loss from the sample losses.
    static func batchLoss(_ ws: Workspace, _ reduction: Reduction) -> Double {
        var total = 0.0
        for v in ws.sampleLoss { total += v }
        return reduction == .mean ? total / Double(ws.batchSize) : total
    }
}
