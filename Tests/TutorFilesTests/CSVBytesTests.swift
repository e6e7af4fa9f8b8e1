import XCTest
@testable import TutorFiles

/// The byte-level CSV reader: line endings, NUL and non-UTF-8 bytes, and numbers read exactly as
/// `Double(String)` reads them.
final class CSVBytesTests: XCTestCase {
    private func error(_ bytes: [UInt8], header: Bool? = nil) -> FileError? {
        do {
            _ = try CSVData.table(bytes: bytes, path: "x.csv", targetColumn: nil, header: header)
            return nil
        } catch { return error }
    }

    func testWindowsAndOldMacLineEndings() throws {
        for ending in ["\r\n", "\r", "\n"] {
            let text = ["a,b,label", "1,2,0", "", "3, 4 ,1", ""].joined(separator: ending)
            let t = try CSVData.table(text, path: "x.csv", targetColumn: nil, header: nil)
            XCTAssertEqual(t.header, ["a", "b", "label"], ending.debugDescription)
            XCTAssertEqual(t.features, [[1, 2], [3, 4]], ending.debugDescription)
            XCTAssertEqual(t.labels, [0, 1])
            XCTAssertEqual(t.lines, [2, 4], "line numbers count \(ending.debugDescription) once")
        }
        // an error after \r\n lines points at the right line
        XCTAssertEqual(error(Array("1,2\r\n3,4\r\n5,x\r\n".utf8))?.description, "x.csv:3:3: \"x\" is not a number")
        XCTAssertEqual(error(Array("1,2\r3,4\r5\r".utf8))?.description, "x.csv:3: row has 1 values, expected 2")
    }

    func testNulByteIsAnErrorWithItsPlace() {
        XCTAssertEqual(error(Array("1,2\n3,4\u{0}5\n".utf8))?.description,
                       "x.csv:2:4: NUL byte (\\0) in the file; a CSV file must be plain text")
        XCTAssertEqual(error([0x31, 0x2C, 0x00])?.description,
                       "x.csv:1:3: NUL byte (\\0) in the file; a CSV file must be plain text")
    }

    func testNotUTF8GivesLineAndColumnOfTheFirstBadByte() {
        // "é" before the bad byte counts as one column
        let bytes = Array("x,y\n1,2\r\n\u{E9},3,".utf8) + [0xFF, 0x31] + Array("\n".utf8)
        XCTAssertEqual(error(bytes)?.description, "x.csv:3:5: the file is not UTF-8 text (byte 0xFF here)")
        // a sequence cut short (0xE3 0x81 and then ASCII)
        XCTAssertEqual(error(Array("1,2\n".utf8) + [0xE3, 0x81, 0x2C])?.description,
                       "x.csv:2:1: the file is not UTF-8 text (byte 0xE3 here)")
        // valid UTF-8 still works, with Unicode blanks trimmed
        XCTAssertNoThrow(try CSVData.table("名前,値\n1,\u{3000}2\n", path: "x.csv", targetColumn: nil, header: nil))
    }

    func testFieldsAreReadExactlyAsDoubleString() {
        func check(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
            let ours = Array(s.utf8).withUnsafeBufferPointer { CSVNumber.parse($0) }
            let swift = Double(s)
            XCTAssertEqual(ours?.bitPattern, swift?.bitPattern, "\"\(s)\"", file: file, line: line)
        }
        for s in ["0", "-0", "+0", "1", "-1", "0.1", "0.3", ".5", "5.", "1e5", "1E-5", "1e+5", "-.5e-3",
                  "9007199254740993", "9007199254740992", "123456789012345678901234567890", "1e22", "1e23",
                  "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "1e309", "0x1p3", "inf",
                  "nan", "", ".", "-", "e5", "1e", "1e+", "1.2.3", "1,2", "00000000000000000000000001.5",
                  "0.000000000000000000000000000001", "1_000", "١", "0.1e-22", "3.0e-23", "12345678901234567e3"] {
            check(s)
        }
        // random decimals of every shape the fast path takes or declines
        var rng = SystemRandomNumberGenerator()
        let pieces = ["", "-", "+"]
        for _ in 0..<100_000 {
            var s = pieces[Int.random(in: 0..<3, using: &rng)]
            let intDigits = Int.random(in: 0...18, using: &rng)
            for _ in 0..<intDigits { s.append(String(Int.random(in: 0...9, using: &rng))) }
            if Bool.random(using: &rng) {
                s.append(".")
                for _ in 0..<Int.random(in: 0...20, using: &rng) { s.append(String(Int.random(in: 0...9, using: &rng))) }
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                s.append(Bool.random(using: &rng) ? "e" : "E")
                s.append(pieces[Int.random(in: 0..<3, using: &rng)])
                s.append(String(Int.random(in: 0...40, using: &rng)))
            }
            check(s)
        }
        // the shortest text of random doubles round-trips
        for _ in 0..<100_000 {
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
            guard d.isFinite else { continue }
            check(d.description)
            check(String(format: "%.17g", d))
        }
    }

    func testStandardScaleOverflowIsAnError() throws {
        let dir = NSTemporaryDirectory() + "csv-overflow-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1e308,1,0\n1.5e308,2,1\n1.7e308,3,0\n".write(toFile: dir + "/big.csv", atomically: true, encoding: .utf8)
        let text = """
            [network]
            layers = [2, 2, 1]

            [data]
            file = "big.csv"
            scale = "standard"

            """
        XCTAssertThrowsError(try parse(text, base: dir)) { error in
            let e = error as? FileError
            XCTAssertEqual(e?.line, 6)
            XCTAssertEqual(e?.message, "data.scale = \"standard\" cannot scale column 0 of the inputs: "
                + "its mean or variance overflows (values up to 1.7e+308); use scale = \"minmax\" or smaller values")
        }
        // the same file scaled by minmax is fine, and standard on ordinary values too
        XCTAssertNoThrow(try parse(text.replacingOccurrences(of: "standard", with: "minmax"), base: dir))
    }
}
