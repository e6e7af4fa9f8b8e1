import CZlib
import Foundation
import XCTest
@testable import TutorFiles

/// MNIST's IDX files in `[data] images = …, labels = …`, plain and gzip-compressed, written here.
final class IDXTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Bytes of an IDX file of unsigned bytes: the magic number, the dimensions, the elements.
    func idx(_ dimensions: [Int], _ elements: [UInt8], magic: UInt32? = nil) -> [UInt8] {
        let m = magic ?? (0x0800 | UInt32(dimensions.count))
        var out = [UInt8(m >> 24), UInt8(m >> 16 & 0xFF), UInt8(m >> 8 & 0xFF), UInt8(m & 0xFF)]
        for d in dimensions { out += [UInt8(d >> 24), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return out + elements
    }

    @discardableResult
    func save(_ bytes: [UInt8], _ name: String, gzip: Bool = false) throws -> String {
        let path = dir + "/" + name
        if gzip {
            let file = try XCTUnwrap(gzopen(path, "wb"))
            XCTAssertEqual(bytes.withUnsafeBytes { Int(gzwrite(file, $0.baseAddress, UInt32($0.count))) }, bytes.count)
            XCTAssertEqual(gzclose(file), Z_OK)
        } else {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return path
    }

    /// Three 2x2 images (pixels 0, 51, 255…) with labels 2, 0, 1.
    let pixels: [UInt8] = [0, 51, 102, 255, 255, 0, 0, 0, 10, 20, 30, 40]
    let labels: [UInt8] = [2, 0, 1]

    func network(layers: String = "[4, 3]", data: String = "images = \"images\"\nlabels = \"labels\"\n") -> String {
        "[network]\nlayers = \(layers)\noutput_activation = \"softmax\"\n[training]\nloss = \"cross-entropy\"\n[data]\n" + data
    }

    func testPixelsAreScaledAndLabelsOneHotFromPlainAndGzippedFiles() throws {
        for gzip in [false, true] {
            try save(idx([3, 2, 2], pixels), "images", gzip: gzip)
            try save(idx([3], labels), "labels", gzip: gzip)
            let file = try parse(network(), base: dir)
            let expected: [[Double]] = [[0, 51, 102, 255], [255, 0, 0, 0], [10, 20, 30, 40]].map { $0.map { $0 / 255 } }
            XCTAssertEqual(file.data.inputs, expected, "gzip \(gzip)")
            XCTAssertEqual(file.data.inputs[0][1], 0.2)
            XCTAssertEqual(file.data.targets, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
            XCTAssertEqual(file.classCount, 3)
        }
    }

    func testTheSplitAndScaleAreTheSameAsForTheSameNumbersWrittenInline() throws {
        let n = 40
        let images = (0..<(n * 4)).map { UInt8(($0 * 37) % 256) }, classes = (0..<n).map { UInt8($0 % 3) }
        try save(idx([n, 2, 2], images), "images.gz", gzip: true)
        try save(idx([n], classes), "labels.gz", gzip: true)
        let options = "test_fraction = 0.25\nscale = \"standard\"\n"
        let fromIDX = try parse(network(data: "images = \"images.gz\"\nlabels = \"labels.gz\"\n" + options), base: dir)
        let rows = (0..<n).map { k in "[" + (0..<4).map { "\(Double(images[k * 4 + $0]) / 255)" }.joined(separator: ", ") + "]" }
        let inline = try parse(network(data: "inputs = [\(rows.joined(separator: ", "))]\ntargets = \(classes)\nclasses = 3\n" + options))
        XCTAssertEqual(fromIDX.data, inline.data)
        XCTAssertEqual(fromIDX.testData, inline.testData)
        XCTAssertEqual(fromIDX.testData?.count, 10)
    }

    func testBrokenFilesAreNamedWithWhatIsWrong() throws {
        try save(idx([3], labels), "labels")
        func check(_ bytes: [UInt8], gzip: Bool = false, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
            try save(bytes, "images", gzip: gzip)
            do {
                _ = try parse(network(), base: dir)
                XCTFail("expected: \(message)", file: file, line: line)
            } catch {
                XCTAssertEqual(error.description, dir + "/images: " + message, file: file, line: line)
            }
        }
        try check(idx([3, 2, 2], Array(pixels.dropLast())),
                  "the file is cut short: its header says 3 images of 2×2 (28 bytes), the file has 27 bytes")
        try check(Array(idx([3, 2, 2], pixels).prefix(10)), "the file is cut short: 10 bytes, its header alone is 16")
        try check([0, 0], "the file is cut short: 2 bytes, but an IDX file starts with a 4-byte magic number (0x00000803 for images)")
        try check(idx([3, 2, 2], pixels + [7]),
                  "the file is longer than its header says: 3 images of 2×2 (28 bytes), the file has 29 bytes")
        try check(Array("1,2,3,4,0\n".utf8), "not an IDX file: the magic number is 0x312c322c, IDX images start with 0x00000803")
        try check(idx([3], labels), "wrong magic number 0x00000801: 1 dimension (a labels file?), but IDX images have 3 (0x00000803)")
        try check(idx([3, 2, 2], pixels, magic: 0x0D03),
                  "IDX elements of type float are not read; MNIST's files are unsigned bytes (0x00000803)")
        let gzipped = try Data(contentsOf: URL(fileURLWithPath: save(idx([3, 2, 2], pixels), "whole.gz", gzip: true)))
        try check(Array(gzipped.prefix(gzipped.count - 6)), "the compressed file is cut short (unexpected end of file)")
    }

    func testCountsSizesAndClassesMustAgreeWithEachOtherAndTheNetwork() throws {
        try save(idx([3, 2, 2], pixels), "images")
        try save(idx([2], [0, 1]), "two-labels")
        try save(idx([3], [0, 1, 3]), "big-label")
        try save(idx([3], labels), "labels")
        let expect = { (text: String, message: String, line: UInt) in
            do {
                _ = try parse(text, base: self.dir)
                XCTFail("expected: \(message)", line: line)
            } catch {
                XCTAssertEqual("\(error)", message, line: line)
            }
        }
        expect(network(data: "images = \"images\"\nlabels = \"two-labels\"\n"),
               "\(dir)/two-labels: has 2 labels, but \(dir)/images has 3 images: they must be the same samples", #line)
        expect(network(data: "images = \"images\"\nlabels = \"big-label\"\n"),
               "\(dir)/big-label: the label of image 2 is class 3, but classes = 3 (valid: 0...2)", #line)
        expect(network(layers: "[9, 3]"), "test.toml:7: images has images of 2×2 = 4 pixels, the input layer has 9", #line)
        expect(network(data: "images = \"images\"\n"), "test.toml:7: data.images needs data.labels (the IDX labels file)", #line)
        expect(network(data: "images = \"nothere\"\nlabels = \"labels\"\n"),
               "test.toml:7: data file \"nothere\" not found (looked for \(dir)/nothere)", #line)
        expect(network(data: "file = \"x.csv\"\nimages = \"images\"\nlabels = \"labels\"\n"),
               "test.toml:7: data.file and data.images cannot both be given; use one of them", #line)
        expect(network(data: "images = \"images\"\nlabels = \"labels\"\ninputs = [[1, 2, 3, 4]]\n"),
               "test.toml:7: data.images and data.inputs cannot both be given; use one of them", #line)
    }

    func testMNISTNamesFindTheLabels() {
        XCTAssertEqual(IDXData.labelsPath(forImages: "d/train-images-idx3-ubyte.gz"), "d/train-labels-idx1-ubyte.gz")
        XCTAssertEqual(IDXData.labelsPath(forImages: "t10k-images.idx3-ubyte"), "t10k-labels.idx1-ubyte")
        XCTAssertNil(IDXData.labelsPath(forImages: "pictures"))
    }

    func testIDXIsToldFromCSVByItsFirstBytes() throws {
        XCTAssertTrue(IDXData.isIDX(path: try save(idx([3, 2, 2], pixels), "a")))
        XCTAssertTrue(IDXData.isIDX(path: try save(idx([3, 2, 2], pixels), "b.gz", gzip: true)))
        XCTAssertFalse(IDXData.isIDX(path: try save(Array("0,0,1\n".utf8), "c.csv")))
        XCTAssertFalse(IDXData.isIDX(path: dir + "/missing"))
    }
}
