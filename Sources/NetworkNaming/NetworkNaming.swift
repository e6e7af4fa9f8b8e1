import BackpropEngine

/// The one place that names the neurons and parameters of a network. The tutor screen, the
/// lessons' placeholders, `trace`, `gradcheck` and the playground all ask it, so a number has the
/// same name wherever it is shown. Each name has three spellings (`Style`): Unicode for the screen,
/// ASCII for `--ascii` and non-UTF-8 terminals, and the placeholder spelling lesson files use.
///
/// - Inputs are x₁ x₂ …, hidden neurons h₁ h₂ … (h₁⁽²⁾ is neuron 1 of hidden layer 2 when there
///   are several), outputs ŷ₁ ŷ₂ … with targets y₁ y₂ …. A layer of one neuron is not numbered
///   (x, ŷ, y), as the one-neuron examples write it.
/// - Outputs that are classes (`Dataset.classCount`: the digits, iris, `data.classes`) are numbered
///   by class, ŷ₀ … ŷ₉, because the data files, the confusion matrix and the digits themselves count
///   classes from 0: ŷ₃ is the probability of the digit 3, not of the digit 2.
/// - The weighted sum of a neuron is z(h₁), z(ŷ₁): always with its neuron, never a bare z or a
///   number of its own (z₃ would be the sum of ŷ₁), so it reads the same at every size.
/// - Small networks number weights and biases layer by layer, row by row, as the classic worked
///   examples do (w₁…w₄ into the hidden layer, w₅…w₈ into the outputs of the 2-2-2 network; b₁…b₄).
///   Once a weight layer has more weights than `numberedWeightLimit`, every parameter is named by
///   layer and position instead: W⁽²⁾₃,₇ joins neuron 7 of layer 1 to neuron 3 of layer 2, b⁽²⁾₃ is
///   the bias of that neuron (the subscripts are the numbers of the neurons joined; 1 for a layer
///   of one). It is the (3, 7) element of the layer view's matrix W⁽²⁾.
/// - A layer is marked ⁽ˡ⁾ wherever it is written (h₁⁽²⁾, W⁽²⁾₃,₇, the layer view's W⁽²⁾, A⁽¹⁾):
///   in parentheses, so that it never reads as a power.
public struct NetworkNaming: Sendable, Equatable {
    public enum Style: Sendable, CaseIterable {
        /// x₁, h₁⁽²⁾, ŷ₁, w₅, W⁽²⁾₃,₇, z(h₁)
        case unicode
        /// x1, h1^(2), y^1, w5, W^(2)_3,7, z(h1)
        case ascii
        /// x1, h1_2, o1, w5, W2_3_7, z.h1 (lesson files: `{z.h1}`, `focus = "weight w5"`)
        case placeholder
    }

    /// How weights and biases are named.
    public enum ParameterNames: Sendable, Equatable {
        /// w₁ w₂ … and b₁ b₂ …, counted through the whole network
        case numbered
        /// W^l_{j,i} and b^l_j, by weight layer and position
        case matrix
    }

    /// A layer with more weights than this is more than a screenful: listed one per line, its
    /// weights no longer fit the 24 rows of the smallest screen the tutor runs on (80x24), so a
    /// number like w₆₅ could only be found by counting off-screen, and says nothing about the
    /// neurons it joins. The classic examples (2-1, 2-2-2, 3-4-1, 3-4-2) stay within it.
    public static let numberedWeightLimit = 24

    public let layerSizes: [Int]
    public let biasMode: BiasMode
    public let parameterNames: ParameterNames
    /// True when the outputs are numbered by class from 0.
    public let outputsAreClasses: Bool
    private let firstWeight: [Int]
    private let firstBias: [Int]

    /// `classes`: the number of classes when the targets are one-hot classes (`Dataset.classCount`).
    public init(layerSizes: [Int], biasMode: BiasMode, classes: Int? = nil) {
        precondition(layerSizes.count >= 2)
        self.layerSizes = layerSizes
        self.biasMode = biasMode
        let outputs = layerSizes[layerSizes.count - 1]
        outputsAreClasses = outputs >= 2 && classes == outputs
        var w = [Int](), b = [Int](), nextW = 1, nextB = 1, widest = 0
        for l in 0..<(layerSizes.count - 1) {
            w.append(nextW)
            b.append(nextB)
            nextW += layerSizes[l] * layerSizes[l + 1]
            nextB += layerSizes[l + 1]
            widest = max(widest, layerSizes[l] * layerSizes[l + 1])
        }
        firstWeight = w
        firstBias = b
        parameterNames = widest > Self.numberedWeightLimit ? .matrix : .numbered
    }

    public init(network: Network, classes: Int? = nil) {
        self.init(layerSizes: network.layerSizes, biasMode: network.biasMode, classes: classes)
    }

    /// The names of the network a trainer trains, with its data's classes.
    public init(trainer: Trainer) {
        self.init(network: trainer.network, classes: trainer.data.classCount)
    }

    public var outputLayer: Int { layerSizes.count - 1 }
    public var hiddenLayerCount: Int { layerSizes.count - 2 }
    public var weightLayerCount: Int { layerSizes.count - 1 }

    // MARK: neurons

    /// The number a neuron is written with: from 1 (from 0 for classes); nil in a layer of one.
    public func number(of n: NeuronRef) -> Int? {
        if layerSizes[n.layer] == 1 { return nil }
        return position(of: n)
    }

    /// The number in the placeholder spelling and in matrix subscripts: as `number(of:)`, 1 in a
    /// layer of one (so a lesson's `o1` stays valid when a layer grows).
    public func position(of n: NeuronRef) -> Int {
        n.layer == outputLayer && outputsAreClasses ? n.index : n.index + 1
    }

    /// x₁, h₁, h₁⁽²⁾, ŷ₁, ŷ₀ (classes), ŷ (a single output).
    public func neuron(_ n: NeuronRef, _ style: Style) -> String {
        if style == .placeholder {
            let k = position(of: n)
            if n.layer == 0 { return "x\(k)" }
            if n.layer == outputLayer { return "o\(k)" }
            return hiddenLayerCount > 1 ? "h\(k)_\(n.layer)" : "h\(k)"
        }
        let ascii = style == .ascii
        let number = self.number(of: n).map { Scripts.sub($0, ascii: ascii) } ?? ""
        if n.layer == 0 { return "x" + number }
        if n.layer == outputLayer { return (ascii ? "y^" : "ŷ") + number }
        let layerMark = hiddenLayerCount > 1 ? Self.layerMark(n.layer, style) : ""
        return "h" + number + layerMark
    }

    /// The target of an output: y₁, y₀ (classes), y (a single output); `target.o1` in a lesson.
    public func target(of n: NeuronRef, _ style: Style) -> String {
        if style == .placeholder { return "target." + neuron(n, .placeholder) }
        return "y" + (number(of: n).map { Scripts.sub($0, ascii: style == .ascii) } ?? "")
    }

    /// The weighted sum of a neuron: z(h₁), z(ŷ); `z.h1` in a lesson.
    public func weightedSum(of n: NeuronRef, _ style: Style) -> String {
        if style == .placeholder { return "z." + neuron(n, .placeholder) }
        return "z(" + neuron(n, style) + ")"
    }

    /// Batch normalization's values of a neuron: the batch mean μ(h₁), variance σ²(h₁), the
    /// normalized sum ẑ(h₁) and u(h₁) = γ·ẑ + β, what the activation receives (`mu.h1`,
    /// `var.h1`, `zhat.h1`, `u.h1` in a lesson; mu(h1), var(h1), zhat(h1), u(h1) in ASCII).
    public func batchMean(of n: NeuronRef, _ style: Style) -> String { normalization("μ", "mu", n, style) }
    public func batchVariance(of n: NeuronRef, _ style: Style) -> String { normalization("σ²", "var", n, style) }
    public func normalizedSum(of n: NeuronRef, _ style: Style) -> String { normalization("ẑ", "zhat", n, style) }
    public func scaledSum(of n: NeuronRef, _ style: Style) -> String { normalization("u", "u", n, style) }

    private func normalization(_ symbol: String, _ word: String, _ n: NeuronRef, _ style: Style) -> String {
        switch style {
        case .unicode: return symbol + "(" + neuron(n, style) + ")"
        case .ascii: return word + "(" + neuron(n, style) + ")"
        case .placeholder: return word + "." + neuron(n, style)
        }
    }

    // MARK: parameters

    /// ⁽²⁾ (Unicode) or ^(2) (ASCII): the mark of neuron layer 2, or of the weights into it.
    public static func layerMark(_ layer: Int, _ style: Style) -> String {
        style == .placeholder ? String(layer) : Scripts.sup("(\(layer))", ascii: style == .ascii)
    }

    // MARK: matrices (the layer view)

    /// The matrices of one layer for the whole batch, as the layer view and its NumPy lines write them.
    public enum LayerMatrix: Sendable, CaseIterable {
        /// A⁽ˡ⁾: the activations of neuron layer l, a row per sample (A⁽⁰⁾ are the inputs)
        case activations
        /// Z⁽ˡ⁾: the weighted sums of layer l
        case weightedSums
        /// W⁽ˡ⁾: the weights into layer l, a row per neuron of layer l; W⁽ˡ⁾₃,₇ is its (3, 7) element
        case weights
        /// b⁽ˡ⁾: the biases of layer l; b⁽ˡ⁾₃ is its element 3
        case biases
        /// Δ⁽ˡ⁾: the δ = ∂E/∂z of layer l, a row per sample
        case deltas
    }

    /// A⁽¹⁾, Z⁽¹⁾, W⁽²⁾, b⁽²⁾, Δ⁽²⁾ (Unicode); A^(1), …, D^(2) (ASCII); A1, Z1, W2, b2, D2 (placeholder
    /// spelling: the names of the layer view's NumPy lines). The layer mark is the one of h₁⁽²⁾ and
    /// W⁽²⁾₃,₇, so the elements of W⁽²⁾ are the parameters `parameter(_:_:)` names in a large network.
    public static func matrix(_ m: LayerMatrix, layer: Int, _ style: Style) -> String {
        let letter: String
        switch m {
        case .activations: letter = "A"
        case .weightedSums: letter = "Z"
        case .weights: letter = "W"
        case .biases: letter = "b"
        case .deltas: letter = style == .unicode ? "Δ" : "D"
        }
        return letter + layerMark(layer, style)
    }

    /// w₅, b₃ (numbered); W⁽²⁾₃,₇, b⁽²⁾₃ (matrix); batch normalization's γ(h₁⁽²⁾), β(h₁⁽²⁾) by
    /// their neuron (`gamma.h1_2` in a lesson).
    public func parameter(_ p: ParameterRef, _ style: Style) -> String {
        switch p {
        case .scale(let l, let j), .shift(let l, let j):
            let scale: Bool
            if case .scale = p { scale = true } else { scale = false }
            let n = NeuronRef(layer: l + 1, index: j)
            switch style {
            case .unicode: return (scale ? "γ" : "β") + "(" + neuron(n, style) + ")"
            case .ascii: return (scale ? "gamma" : "beta") + "(" + neuron(n, style) + ")"
            case .placeholder: return (scale ? "gamma." : "beta.") + neuron(n, style)
            }
        case .weight, .bias: break
        }
        switch parameterNames {
        case .numbered:
            let (letter, k): (String, Int)
            switch p {
            case .weight(let l, let j, let i): (letter, k) = ("w", firstWeight[l] + j * layerSizes[l] + i)
            case .bias(let l, let j): (letter, k) = ("b", firstBias[l] + j)
            case .scale, .shift: preconditionFailure("named above")
            }
            return letter + (style == .unicode ? Scripts.sub(k, ascii: false) : String(k))
        case .matrix:
            let layer: Int, row: Int, column: Int?
            switch p {
            case .weight(let l, let j, let i):
                (layer, row) = (l + 1, position(of: NeuronRef(layer: l + 1, index: j)))
                column = position(of: NeuronRef(layer: l, index: i))
            case .bias(let l, let j):
                (layer, row, column) = (l + 1, position(of: NeuronRef(layer: l + 1, index: j)), nil)
            case .scale, .shift: preconditionFailure("named above")
            }
            // the element of the layer view's matrix W⁽ˡ⁾ (b⁽ˡ⁾)
            let matrix = Self.matrix(column == nil ? .biases : .weights, layer: layer, style)
            switch style {
            case .unicode:
                return matrix + Scripts.sub(row, ascii: false) + (column.map { "," + Scripts.sub($0, ascii: false) } ?? "")
            case .ascii:
                return matrix + "_\(row)" + (column.map { ",\($0)" } ?? "")
            case .placeholder:
                return matrix + "_\(row)" + (column.map { "_\($0)" } ?? "")
            }
        }
    }

    // MARK: reading names back (lesson files)

    /// A neuron from its placeholder spelling (x1, h1, h1_2, o1) or its ASCII one (h1^(2)).
    public func neuron(named s: String) -> NeuronRef? {
        guard let first = s.first, s.count >= 2 else { return nil }
        let rest = String(s.dropFirst())
        switch first {
        case "x":
            guard let k = Self.count(rest), k >= 1, k <= layerSizes[0] else { return nil }
            return NeuronRef(layer: 0, index: k - 1)
        case "o":
            guard let k = Self.count(rest) else { return nil }
            let index = outputsAreClasses ? k : k - 1
            guard index >= 0, index < layerSizes[outputLayer] else { return nil }
            return NeuronRef(layer: outputLayer, index: index)
        case "h":
            guard hiddenLayerCount >= 1 else { return nil }
            var parts = rest.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1, let caret = rest.firstIndex(of: "^"), rest.hasSuffix(")") {
                // h1^(2), the ASCII spelling
                let after = rest[rest.index(after: caret)...]
                guard after.hasPrefix("(") else { return nil }
                parts = [String(rest[..<caret]), String(after.dropFirst().dropLast())]
            }
            guard let k = Self.count(parts[0]), k >= 1 else { return nil }
            let layer: Int
            if parts.count == 1 {
                guard hiddenLayerCount == 1 else { return nil }
                layer = 1
            } else {
                guard parts.count == 2, let l = Self.count(parts[1]), l >= 1, l <= hiddenLayerCount else { return nil }
                layer = l
            }
            guard k <= layerSizes[layer] else { return nil }
            return NeuronRef(layer: layer, index: k - 1)
        default:
            return nil
        }
    }

    /// A parameter from its placeholder spelling (w5, b1; W2_3_7, b2_3) or its ASCII one (W^(2)_3,7).
    public func parameter(named s: String) -> ParameterRef? {
        switch parameterNames {
        case .numbered: return numberedParameter(s)
        case .matrix: return matrixParameter(s)
        }
    }

    private func numberedParameter(_ s: String) -> ParameterRef? {
        guard let first = s.first, let k = Self.count(String(s.dropFirst())), k >= 1 else { return nil }
        switch first {
        case "w":
            for l in firstWeight.indices.reversed() where k >= firstWeight[l] {
                let offset = k - firstWeight[l], width = layerSizes[l]
                guard offset < width * layerSizes[l + 1] else { return nil }
                return .weight(layer: l, to: offset / width, from: offset % width)
            }
        case "b":
            guard biasMode != .none else { return nil }
            for l in firstBias.indices.reversed() where k >= firstBias[l] {
                let offset = k - firstBias[l]
                guard offset < layerSizes[l + 1] else { return nil }
                return .bias(layer: l, neuron: offset)
            }
        default: break
        }
        return nil
    }

    private func matrixParameter(_ s: String) -> ParameterRef? {
        guard let first = s.first, first == "W" || first == "b" else { return nil }
        var rest = s.dropFirst()
        if rest.hasPrefix("^("), let close = rest.firstIndex(of: ")") {   // W^(2)_3,7, the ASCII spelling
            rest = rest[rest.index(rest.startIndex, offsetBy: 2)..<close] + rest[rest.index(after: close)...]
        }
        let numbers = rest.split(omittingEmptySubsequences: false) { $0 == "_" || $0 == "," }.map { Self.count(String($0)) }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let n = numbers.map { $0! }
        guard n.count == (first == "W" ? 3 : 2), n[0] >= 1, n[0] <= weightLayerCount else { return nil }
        let layer = n[0]
        func index(_ k: Int, in neuronLayer: Int) -> Int? {
            let i = neuronLayer == outputLayer && outputsAreClasses ? k : k - 1
            return i >= 0 && i < layerSizes[neuronLayer] ? i : nil
        }
        guard let j = index(n[1], in: layer) else { return nil }
        if first == "b" { return biasMode == .none ? nil : .bias(layer: layer - 1, neuron: j) }
        guard let i = index(n[2], in: layer - 1) else { return nil }
        return .weight(layer: layer - 1, to: j, from: i)
    }

    /// "x1…x2, h1…h2, o1…o2, w1…w8, b1…b4": what the placeholder names of this network run over.
    public var placeholderRanges: String {
        func span(_ layer: Int) -> String {
            let first = neuron(NeuronRef(layer: layer, index: 0), .placeholder)
            guard layerSizes[layer] > 1 else { return first }
            return first + "…" + neuron(NeuronRef(layer: layer, index: layerSizes[layer] - 1), .placeholder)
        }
        var parts = (0...outputLayer).map(span)
        let last = weightLayerCount - 1
        let lastWeight = ParameterRef.weight(layer: last, to: layerSizes[last + 1] - 1, from: layerSizes[last] - 1)
        parts.append(parameter(.weight(layer: 0, to: 0, from: 0), .placeholder) + "…" + parameter(lastWeight, .placeholder))
        if biasMode != .none {
            parts.append(parameter(.bias(layer: 0, neuron: 0), .placeholder) + "…"
                + parameter(.bias(layer: last, neuron: layerSizes[last + 1] - 1), .placeholder))
        }
        return parts.joined(separator: ", ")
    }

    /// A count written with ASCII digits only, without a leading zero (0 itself is allowed).
    static func count(_ s: String) -> Int? {
        guard !s.isEmpty, s == "0" || !s.hasPrefix("0"), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }
}
