import BackpropEngine
import XCTest
@testable import NetworkNaming

/// The names, written out by hand from the rules in NetworkNaming's documentation.
final class NetworkNamingTests: XCTestCase {
    let twoTwoTwo = NetworkNaming(layerSizes: [2, 2, 2], biasMode: .frozen)
    let digits = NetworkNaming(layerSizes: [64, 32, 10], biasMode: .trainable, classes: 10)

    func testTheClassicWorkedExampleNumbering() {
        let n = twoTwoTwo
        XCTAssertEqual(n.parameterNames, .numbered)
        XCTAssertEqual(n.neuron(NeuronRef(layer: 0, index: 1), .unicode), "x₂")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 1, index: 0), .unicode), "h₁")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 0), .unicode), "ŷ₁")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 1), .ascii), "y^2")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 1), .placeholder), "o2")
        XCTAssertEqual(n.target(of: NeuronRef(layer: 2, index: 0), .unicode), "y₁")
        XCTAssertEqual(n.weightedSum(of: NeuronRef(layer: 2, index: 0), .unicode), "z(ŷ₁)")
        XCTAssertEqual(n.weightedSum(of: NeuronRef(layer: 1, index: 1), .ascii), "z(h2)")
        XCTAssertEqual(n.weightedSum(of: NeuronRef(layer: 1, index: 1), .placeholder), "z.h2")
        // w₁…w₄ into the hidden layer row by row, w₅…w₈ into the outputs; b₁ b₂ hidden, b₃ b₄ outputs
        XCTAssertEqual(n.parameter(.weight(layer: 0, to: 0, from: 1), .unicode), "w₂")
        XCTAssertEqual(n.parameter(.weight(layer: 0, to: 1, from: 0), .unicode), "w₃")
        XCTAssertEqual(n.parameter(.weight(layer: 1, to: 0, from: 0), .unicode), "w₅")
        XCTAssertEqual(n.parameter(.weight(layer: 1, to: 1, from: 1), .ascii), "w8")
        XCTAssertEqual(n.parameter(.bias(layer: 1, neuron: 0), .unicode), "b₃")
        XCTAssertEqual(n.parameter(.bias(layer: 1, neuron: 1), .placeholder), "b4")
        XCTAssertEqual(n.placeholderRanges, "x1…x2, h1…h2, o1…o2, w1…w8, b1…b4")
    }

    func testTheDigitsNetworkNamesOutputsByClassAndParametersByPosition() {
        let n = digits
        XCTAssertEqual(n.parameterNames, .matrix)
        XCTAssertTrue(n.outputsAreClasses)
        XCTAssertEqual(n.neuron(NeuronRef(layer: 0, index: 63), .unicode), "x₆₄")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 1, index: 31), .unicode), "h₃₂")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 0), .unicode), "ŷ₀")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 9), .unicode), "ŷ₉")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 9), .placeholder), "o9")
        XCTAssertEqual(n.target(of: NeuronRef(layer: 2, index: 3), .unicode), "y₃")
        // W⁽²⁾₃,₇: from h₇ (index 6) into ŷ₃ (the digit 3, index 3)
        XCTAssertEqual(n.parameter(.weight(layer: 1, to: 3, from: 6), .unicode), "W⁽²⁾₃,₇")
        XCTAssertEqual(n.parameter(.weight(layer: 1, to: 3, from: 6), .ascii), "W^(2)_3,7")
        XCTAssertEqual(n.parameter(.weight(layer: 1, to: 3, from: 6), .placeholder), "W2_3_7")
        XCTAssertEqual(n.parameter(.weight(layer: 0, to: 31, from: 63), .unicode), "W⁽¹⁾₃₂,₆₄")
        XCTAssertEqual(n.parameter(.bias(layer: 1, neuron: 3), .unicode), "b⁽²⁾₃")
        XCTAssertEqual(n.parameter(.bias(layer: 0, neuron: 0), .ascii), "b^(1)_1")
        XCTAssertEqual(n.parameter(named: "W2_3_7"), .weight(layer: 1, to: 3, from: 6))
        XCTAssertEqual(n.parameter(named: "W^(2)_3,7"), .weight(layer: 1, to: 3, from: 6))
        XCTAssertEqual(n.parameter(named: "b2_0"), .bias(layer: 1, neuron: 0))
        XCTAssertNil(n.parameter(named: "w5"))        // one name: the numbered form is not this network's
        XCTAssertNil(n.parameter(named: "W2_10_1"))   // the digits are 0…9
        XCTAssertNil(n.parameter(named: "W1_0_1"))    // hidden neurons count from 1
        XCTAssertEqual(n.neuron(named: "o0"), NeuronRef(layer: 2, index: 0))
        XCTAssertNil(n.neuron(named: "o10"))
        XCTAssertEqual(n.placeholderRanges, "x1…x64, h1…h32, o0…o9, W1_1_1…W2_9_32, b1_1…b2_9")
    }

    func testTheThresholdIsOneScreenOfWeightsPerLayer() {
        XCTAssertEqual(NetworkNaming.numberedWeightLimit, 24)
        XCTAssertEqual(NetworkNaming(layerSizes: [4, 6, 1], biasMode: .trainable).parameterNames, .numbered)   // 24
        XCTAssertEqual(NetworkNaming(layerSizes: [5, 5, 1], biasMode: .trainable).parameterNames, .matrix)     // 25
        XCTAssertEqual(NetworkNaming(layerSizes: [3, 4, 2], biasMode: .trainable).parameterNames, .numbered)
        XCTAssertEqual(NetworkNaming(layerSizes: [1, 8, 8, 1], biasMode: .trainable).parameterNames, .matrix)
    }

    func testLayersOfOneNeuronAreNotNumbered() {
        let n = NetworkNaming(layerSizes: [2, 1], biasMode: .trainable)
        let out = NeuronRef(layer: 1, index: 0)
        XCTAssertEqual(n.neuron(out, .unicode), "ŷ")
        XCTAssertEqual(n.neuron(out, .ascii), "y^")
        XCTAssertEqual(n.neuron(out, .placeholder), "o1")   // lesson files always number
        XCTAssertEqual(n.target(of: out, .unicode), "y")
        XCTAssertEqual(n.weightedSum(of: out, .unicode), "z(ŷ)")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 0, index: 0), .unicode), "x₁")
        let single = NetworkNaming(layerSizes: [1, 8, 8, 1], biasMode: .trainable)
        XCTAssertEqual(single.neuron(NeuronRef(layer: 0, index: 0), .unicode), "x")
        XCTAssertEqual(single.parameter(.weight(layer: 0, to: 2, from: 0), .unicode), "W⁽¹⁾₃,₁")
        // classes need two outputs or more: one sigmoid output stays ŷ
        XCTAssertFalse(NetworkNaming(layerSizes: [2, 1], biasMode: .trainable, classes: 2).outputsAreClasses)
    }

    func testSeveralHiddenLayersCarryTheirLayer() {
        let n = NetworkNaming(layerSizes: [2, 3, 2, 1], biasMode: .trainable)
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 0), .unicode), "h₁⁽²⁾")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 0), .ascii), "h1^(2)")
        XCTAssertEqual(n.neuron(NeuronRef(layer: 2, index: 0), .placeholder), "h1_2")
        XCTAssertEqual(n.neuron(named: "h3_1"), NeuronRef(layer: 1, index: 2))
        XCTAssertEqual(n.neuron(named: "h2^(2)"), NeuronRef(layer: 2, index: 1))
        XCTAssertNil(n.neuron(named: "h1"))   // ambiguous with two hidden layers
        XCTAssertEqual(n.parameter(named: "w7"), .weight(layer: 1, to: 0, from: 0))
        XCTAssertEqual(n.parameter(named: "w14"), .weight(layer: 2, to: 0, from: 1))
        XCTAssertNil(n.parameter(named: "w15"))
    }

    /// Every neuron and parameter reads back from its placeholder and ASCII spellings, and no two
    /// share a name, in every style.
    func testEveryNameIsUniqueAndReadsBack() {
        let networks = [twoTwoTwo, digits, NetworkNaming(layerSizes: [2, 8, 8, 8, 1], biasMode: .trainable),
                        NetworkNaming(layerSizes: [3, 4, 1], biasMode: .none)]
        for n in networks {
            var neurons: [NeuronRef] = []
            for (l, size) in n.layerSizes.enumerated() { neurons += (0..<size).map { NeuronRef(layer: l, index: $0) } }
            var params: [ParameterRef] = []
            for l in 0..<n.weightLayerCount {
                for j in 0..<n.layerSizes[l + 1] {
                    params += (0..<n.layerSizes[l]).map { .weight(layer: l, to: j, from: $0) }
                    if n.biasMode != .none { params.append(.bias(layer: l, neuron: j)) }
                }
            }
            for style in NetworkNaming.Style.allCases {
                let names = neurons.map { n.neuron($0, style) } + params.map { n.parameter($0, style) }
                XCTAssertEqual(Set(names).count, names.count, "\(n.layerSizes) \(style)")
            }
            for neuron in neurons {
                XCTAssertEqual(n.neuron(named: n.neuron(neuron, .placeholder)), neuron)
            }
            for p in params {
                XCTAssertEqual(n.parameter(named: n.parameter(p, .placeholder)), p)
                if n.parameterNames == .matrix { XCTAssertEqual(n.parameter(named: n.parameter(p, .ascii)), p) }
            }
        }
    }

    /// The layer view's matrices are named here too, and a large network's parameters are their elements.
    func testMatrixNamesAndTheirElements() {
        XCTAssertEqual(NetworkNaming.matrix(.activations, layer: 0, .unicode), "A⁽⁰⁾")
        XCTAssertEqual(NetworkNaming.matrix(.deltas, layer: 2, .unicode), "Δ⁽²⁾")
        XCTAssertEqual(NetworkNaming.matrix(.deltas, layer: 2, .ascii), "D^(2)")
        XCTAssertEqual(NetworkNaming.matrix(.weights, layer: 1, .placeholder), "W1")
        XCTAssertEqual(NetworkNaming.matrix(.weightedSums, layer: 3, .placeholder), "Z3")
        let naming = NetworkNaming(layerSizes: [64, 32, 10], biasMode: .trainable)
        for style in NetworkNaming.Style.allCases {
            let w = naming.parameter(.weight(layer: 1, to: 2, from: 6), style)
            XCTAssertTrue(w.hasPrefix(NetworkNaming.matrix(.weights, layer: 2, style)), w)
            let b = naming.parameter(.bias(layer: 0, neuron: 4), style)
            XCTAssertTrue(b.hasPrefix(NetworkNaming.matrix(.biases, layer: 1, style)), b)
        }
        XCTAssertEqual(naming.parameter(.weight(layer: 1, to: 2, from: 6), .unicode), "W⁽²⁾₃,₇")
        XCTAssertEqual(naming.parameter(.weight(layer: 1, to: 2, from: 6), .placeholder), "W2_3_7")
    }
}
