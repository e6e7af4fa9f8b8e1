import XCTest
@testable import BackpropEngine

/// The seed article's NumPy XOR program (benchmarks/reference/article_xor.py). The expected numbers
/// were printed once by that program under NumPy 2.4 and pasted here; this test does not recompute them.
final class ArticleXORTests: XCTestCase {
    static let initialWeights: [[[Double]]] = [
        [[-0.165955990594852, -0.7064882183657739, -0.20646505153866013],
         [0.4406489868843162, -0.8153228104624044, 0.07763346800671389],
         [-0.9997712503653102, -0.6274795772446582, -0.1616109711934104],
         [-0.39533485473632046, -0.3088785459139045, 0.370439000793519]],
        [[-0.5910955005369651, 0.7562348727818908, -0.9452248136041477, 0.34093502035680445]],
    ]
    static let finalWeights: [[[Double]]] = [
        [[3.803578947045588, -1.6378066409153709, 0.40907533492876774],
         [3.589935544484554, -5.383510584399664, -1.748822284051511],
         [-5.968619813505256, -6.281786735311419, 2.358662956975156],
         [-3.792248791908775, -2.9728848292156407, 4.963903802774435]],
        [[-5.6136046287095125, 6.070225915446687, -9.322432238296207, 6.506075094989233]],
    ]
    static let finalOutputs = [0.01066922607879828, 0.986312190676547, 0.9882125591810341, 0.015920474701495737]
    static let firstLosses = [0.4951865354020256, 0.4950213743935524, 0.49486689207281076]

    static func trainer() throws -> Trainer {
        let net = try Network(layerSizes: [3, 4, 1], activations: [.sigmoid, .sigmoid], biasMode: .none,
                              weights: initialWeights, biases: nil)
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5)
        let data = Dataset(inputs: [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], targets: [[0], [1], [1], [0]])
        return try Trainer(network: net, config: config, data: data)
    }

    func testTenThousandEpochsMatchNumPy() throws {
        var t = try Self.trainer()
        t.train(epochs: 10_000)
        let got = t.network.nestedWeights
        for l in 0..<2 {
            for j in got[l].indices {
                for i in got[l][j].indices {
                    XCTAssertEqual(got[l][j][i], Self.finalWeights[l][j][i], accuracy: 1e-9, "w[\(l)][\(j)][\(i)]")
                }
            }
        }
        let outputs = t.network.predict(batch: t.data.inputs).map { $0[0] }
        for (a, b) in zip(outputs, Self.finalOutputs) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        for (a, b) in zip(t.epochLosses.prefix(3), Self.firstLosses) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testFastPathEqualsRecordedPathBitForBit() throws {
        var fast = try Self.trainer(), recorded = try Self.trainer()
        for _ in 0..<500 {
            fast.step()
            recorded.recordedStep()
        }
        XCTAssertEqual(fast, recorded)
    }
}
