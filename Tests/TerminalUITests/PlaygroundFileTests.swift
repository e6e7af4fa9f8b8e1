import BackpropEngine
import Foundation
import TutorFiles
import XCTest
@testable import TerminalUI

/// CSV data for the playground, and saving: the file `open` and `train` load gives back the
/// same network bit for bit.
final class PlaygroundFileTests: XCTestCase {
    func csv(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("play-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func error(_ text: String, column: Int? = nil) throws -> (path: String, message: String) {
        let path = try csv(text)
        do {
            _ = try PlayTable.load(path: path, targetColumn: column)
            XCTFail("no error for \(text)")
            return (path, "")
        } catch {
            return (path, "\(error)")
        }
    }

    func testGoodFileWithoutHeader() throws {
        let t = try PlayTable.load(path: try csv("1,2,0\n3,4,1\n5,6,1\n"), targetColumn: nil)
        XCTAssertEqual(t.features, [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(t.labels, [0, 1, 1])
        XCTAssertEqual(t.classes, 2)
    }

    func testHeaderAndTargetColumn() throws {
        let t = try PlayTable.load(path: try csv("y,a,b\n0.5,1,2\n1.5,3,4\n"), targetColumn: 0)
        XCTAssertEqual(t.features, [[1, 2], [3, 4]])
        XCTAssertEqual(t.labels, [0.5, 1.5])
        XCTAssertNil(t.classes, "fractions are a regression target")
        var s = PlaySettings(source: .csv(path: "x.csv", targetColumn: 0))
        s.testFraction = 0
        XCTAssertEqual(PlayData.make(s, table: t).task, .regression)
    }

    func testBadRowNamesFileAndLine() throws {
        let e = try error("1,2,0\n3,4,1\n5,x,1\n")
        XCTAssertTrue(e.message.hasPrefix("\(e.path):3"), e.message)
        XCTAssertTrue(e.message.contains("\"x\" is not a number"), e.message)
        let short = try error("1,2,0\n3,4\n")
        XCTAssertTrue(short.message.hasPrefix("\(short.path):2"), short.message)
    }

    func testWrongColumn() throws {
        let e = try error("1,2,0\n3,4,1\n", column: 3)
        XCTAssertTrue(e.message.contains("target column 3 does not exist"), e.message)
        XCTAssertTrue(e.message.hasPrefix("\(e.path):1"), e.message)
    }

    func testEmptyFile() throws {
        XCTAssertTrue(try error("").message.contains("no data rows"))
        XCTAssertTrue(try error("a,b,c\n").message.contains("no data rows"))
    }

    // MARK: saving

    func trained(_ source: PlayDataSource, table: PlayTable? = nil, epochs: Int,
                 change: (inout PlaySettings) -> Void = { _ in }) throws -> PlayModel {
        var settings = PlaySettings(source: source)
        change(&settings)
        var m = try PlayModel(settings: settings, table: table, width: 120, height: 40, unicode: true, theme: .mono)
        var trainer = m.main.trainer
        trainer.train(epochs: epochs)
        m.runs = [PlayRun(trainer: trainer)]
        return m
    }

    func testSavedToySetLoadsTheSameNetwork() throws {
        let m = try trained(.toy(.spiral), epochs: 30) { $0.l2 = 0.001; $0.optimizer = .momentum(mu: 0.9) }
        let text = PlayFile.text(m, dataFile: nil)
        let file = try NetworkFile.parse(text, path: "saved.toml", baseDirectory: "")
        let net = m.main.trainer.network
        XCTAssertEqual(file.network.layerSizes, net.layerSizes)
        XCTAssertEqual(file.network.activations, net.activations)
        XCTAssertEqual(file.network.parameters.allValues.map(\.bitPattern), net.parameters.allValues.map(\.bitPattern))
        XCTAssertEqual(file.training.loss, .bce)
        XCTAssertEqual(file.training.optimizer, .momentum(mu: 0.9))
        XCTAssertEqual(file.training.learningRate, m.settings.learningRate)
        XCTAssertEqual(file.training.weightDecay, 0.001)
        XCTAssertEqual(file.training.batchSize, 32)
        XCTAssertEqual(file.data.count + (file.testData?.count ?? 0), 240)
        let all = Set((m.data.train.inputs + m.data.test.inputs).map { $0.map(\.bitPattern) })
        XCTAssertEqual(Set((file.data.inputs + (file.testData?.inputs ?? [])).map { $0.map(\.bitPattern) }), all)
    }

    func testSavedResidualNetworkKeepsItsSkips() throws {
        let m = try trained(.toy(.spiral), epochs: 3) { $0.hidden = [8, 8, 8, 4]; $0.residual = true }
        XCTAssertEqual(m.main.trainer.network.residual, [ResidualSkip(from: 1, to: 2), ResidualSkip(from: 2, to: 3)])
        let text = PlayFile.text(m, dataFile: nil)
        XCTAssertTrue(text.contains("residual = [[1, 2], [2, 3]]"), text)
        let file = try NetworkFile.parse(text, path: "saved.toml", baseDirectory: "")
        XCTAssertEqual(file.network.residual, m.main.trainer.network.residual)
        XCTAssertEqual(file.network.parameters.allValues.map(\.bitPattern),
                       m.main.trainer.network.parameters.allValues.map(\.bitPattern))
        XCTAssertFalse(PlayFile.text(try trained(.toy(.spiral), epochs: 0), dataFile: nil).contains("residual"))
        // batch normalization before training: the file loads with the same normalized layers
        let bn = try trained(.toy(.spiral), epochs: 0) { $0.batchNorm = true }
        let bnFile = try NetworkFile.parse(PlayFile.text(bn, dataFile: nil), path: "saved.toml", baseDirectory: "")
        XCTAssertEqual(bnFile.network.batchNormLayers, [1, 2])
        XCTAssertEqual(bnFile.network.parameters.allValues.map(\.bitPattern),
                       bn.main.trainer.network.parameters.allValues.map(\.bitPattern))
    }

    func testSavedDigitsLoadTheSameNetworkAndData() throws {
        let table = PlayTable.builtin(.digits)
        let m = try trained(.builtin(.digits), table: table, epochs: 1) { $0.hidden = [32]; $0.activation = .relu }
        let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons/data/digits.csv").path
        let file = try NetworkFile.parse(PlayFile.text(m, dataFile: csv), path: "saved.toml", baseDirectory: "")
        XCTAssertEqual(file.network.parameters.allValues.map(\.bitPattern),
                       m.main.trainer.network.parameters.allValues.map(\.bitPattern))
        XCTAssertEqual(file.network.layerSizes, [64, 32, 10])
        XCTAssertEqual(file.training.loss, .crossEntropy)
        // the same split and scaling as the file loader
        XCTAssertEqual(file.data, m.data.train)
        XCTAssertEqual(file.testData, m.data.test)
    }

    func testIrisSplitMatchesTheLoader() throws {
        let m = try trained(.builtin(.iris), table: PlayTable.builtin(.iris), epochs: 2)
        let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons/data/iris.csv").path
        let file = try NetworkFile.parse(PlayFile.text(m, dataFile: csv), path: "saved.toml", baseDirectory: "")
        XCTAssertEqual(file.data, m.data.train)
        XCTAssertEqual(file.classNames, ["setosa", "versicolor", "virginica"])
    }

    func testSavedIDXDataLoadTheSameNetworkAndData() throws {
        // 20 images of 3x2 pixels and their labels 0, 1, 2, 0, …, as MNIST writes them
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("play-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let images = dir.appendingPathComponent("train-images-idx3-ubyte").path
        let labels = dir.appendingPathComponent("train-labels-idx1-ubyte").path
        try Data([0, 0, 8, 3, 0, 0, 0, 20, 0, 0, 0, 2, 0, 0, 0, 3] + (0..<120).map { UInt8($0 * 2) })
            .write(to: URL(fileURLWithPath: images))
        try Data([0, 0, 8, 1, 0, 0, 0, 20] + (0..<20).map { UInt8($0 % 3) }).write(to: URL(fileURLWithPath: labels))
        XCTAssertEqual(IDXData.labelsPath(forImages: images), labels)
        let table = try PlayTable.loadIDX(images: images, labels: labels)
        XCTAssertEqual(table.features[1], [12, 14, 16, 18, 20, 22].map { $0 / 255 })
        XCTAssertEqual(table.classes, 3)
        XCTAssertEqual(table.imageSize, ImageSize(width: 3, height: 2))
        let m = try trained(.idx(images: images, labels: labels), table: table, epochs: 2)
        XCTAssertEqual(m.data.task, .classes(3))
        XCTAssertTrue(m.data.isDigits, "images are drawn as images")
        let text = PlayFile.text(m, dataFile: nil)
        XCTAssertTrue(text.contains("images = \"\(images)\"\nlabels = \"\(labels)\""), text)
        let file = try NetworkFile.parse(text, path: "saved.toml", baseDirectory: "")
        XCTAssertEqual(file.network.parameters.allValues.map(\.bitPattern),
                       m.main.trainer.network.parameters.allValues.map(\.bitPattern))
        XCTAssertEqual(file.data, m.data.train)
        XCTAssertEqual(file.testData, m.data.test)
    }

    func testDivergedNetworkIsNotSaved() throws {
        let m = try trained(.toy(.xor), epochs: 5) { $0.learningRate = 1e300; $0.optimizer = .sgd; $0.loss = .mse }
        XCTAssertTrue(m.main.trainer.hasDiverged || PlayFile.problem(m) == nil)
        if m.main.trainer.hasDiverged { XCTAssertNotNil(PlayFile.problem(m)) }
    }
}
