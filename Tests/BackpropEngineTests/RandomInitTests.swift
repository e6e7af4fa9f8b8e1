import XCTest
@testable import BackpropEngine

/// SplitMix64 and seeded initialization against `benchmarks/reference/engine_reference.py splitmix`
/// (a from-scratch Python SplitMix64 with 64-bit masking).
final class RandomInitTests: XCTestCase {
    func testSplitMix64PublishedOutputs() {
        // the reference values of splitmix64.c (Vigna) for seeds 0 and 1
        var g0 = SplitMix64(seed: 0)
        XCTAssertEqual([g0.next(), g0.next(), g0.next()],
                       [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var g1 = SplitMix64(seed: 1)
        XCTAssertEqual([g1.next(), g1.next(), g1.next()],
                       [0x910A_2DEC_8902_5CC1, 0xBEEB_8DA1_658E_EC67, 0xF893_A2EE_FB32_555E])
    }

    func testUnitDoublesAndBounds() {
        // (next >> 11)·2⁻⁵³ for seed 42
        var g = SplitMix64(seed: 42)
        XCTAssertEqual([g.nextUnit(), g.nextUnit(), g.nextUnit()],
                       [0.7415648787718233, 0.1599103928769201, 0.27860113025513866])
        var r = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let u = r.nextUnit()
            XCTAssertTrue(u >= 0 && u < 1)
            let k = r.nextInt(below: 7)
            XCTAssertTrue((0..<7).contains(k))
            let d = r.nextDouble(in: -2, 5)
            XCTAssertTrue(d >= -2 && d < 5)
        }
        // a shuffle is a permutation
        var p = Array(0..<50)
        r.shuffle(&p)
        XCTAssertEqual(p.sorted(), Array(0..<50))
        XCTAssertNotEqual(p, Array(0..<50))
    }

    func testXavierAndHeWeightsOfA231Network() throws {
        // weights[l][j][i] drawn row by row as −r + 2r·u: xavier r = √(6/(in+out)), he r = √(6/in)
        let xavier = try Network(layerSizes: [2, 3, 1], activations: [.tanh, .identity], biasMode: .trainable,
                                 initialization: .xavier, seed: 42)
        let wantX: [[[Double]]] = [
            [[0.5292421328173138, -0.7450989975775218], [-0.48506062066163436, -0.3413610369148826],
             [-1.0121251903094675, 0.8067472953250989]],
            [[-0.6897635896230203, 0.7363946983633833, -0.39208727831071777]],
        ]
        let he = try Network(layerSizes: [2, 3, 1], activations: [.relu, .identity], biasMode: .trainable,
                             initialization: .he, seed: 42)
        let wantH: [[[Double]]] = [
            [[0.836805286714029, -1.1781049573266253], [-0.7669481822728474, -0.5397391905439235],
             [-1.6003104393046492, 1.2755794747039113]],
            [[-0.7964703882921068, 0.8503153546598254, -0.45274339135704134]],
        ]
        for l in 0..<2 {
            for j in wantX[l].indices {
                assertClose(xavier.nestedWeights[l][j], wantX[l][j], accuracy: 1e-15, "xavier \(l) \(j)")
                assertClose(he.nestedWeights[l][j], wantH[l][j], accuracy: 1e-15, "he \(l) \(j)")
            }
        }
        XCTAssertEqual(xavier.biases, [[0, 0, 0], [0]], "biases start at zero")
    }

    func testInitRanges() throws {
        // 100-50-10: xavier ±√(6/150) = ±0.2 and ±√(6/60) ≈ ±0.316; he ±√(6/100) ≈ ±0.245 and ±√(6/50) ≈ ±0.346
        let sizes = [100, 50, 10]
        for (kind, bounds) in [(WeightInit.xavier, [0.2, (0.1).squareRoot()]),
                               (.he, [(0.06).squareRoot(), (0.12).squareRoot()]),
                               (.uniform(low: -0.5, high: 0.5), [0.5, 0.5])] {
            let net = try Network(layerSizes: sizes, activations: [.relu, .softmax], biasMode: .trainable,
                                  initialization: kind, seed: 77)
            for l in 0..<2 {
                let w = net.weights[l]
                XCTAssertEqual(w.count, sizes[l] * sizes[l + 1])
                XCTAssertTrue(w.allSatisfy { abs($0) <= bounds[l] }, "\(kind.name) layer \(l)")
                // the draws fill the range: the extremes come within 5% of the bounds
                XCTAssertGreaterThan(w.max()!, 0.95 * bounds[l], "\(kind.name)")
                XCTAssertLessThan(w.min()!, -0.95 * bounds[l], "\(kind.name)")
            }
        }
        let shifted = try Network(layerSizes: [20, 20], activations: [.identity], biasMode: .none,
                                  initialization: .uniform(low: 1, high: 2), seed: 1)
        XCTAssertTrue(shifted.weights[0].allSatisfy { $0 >= 1 && $0 < 2 })
    }

    func testSameSeedSameNetwork() {
        func make(_ seed: UInt64) throws -> Network {
            try Network(layerSizes: [4, 6, 3], activations: [.tanh, .softmax], biasMode: .trainable,
                        initialization: .he, seed: seed)
        }
        XCTAssertEqual(try make(5), try make(5))
        XCTAssertNotEqual(try make(5).weights, try make(6).weights)
    }
}
