import XCTest
@testable import TutorFiles

/// The scanner that reads large arrays of numbers before TOMLKit (TOMLNumberArrays): the same
/// tree as TOMLKit alone, and the same errors, whatever the arrays hold.
final class TOMLNumberArrayTests: XCTestCase {
    /// A weights-like array of `rows` rows of `columns` numbers (of many spellings), with comments.
    private func weights(rows: Int, columns: Int, newline: String = "\n", extra: String = "") -> String {
        let spellings = ["0.08785363686585917", "-0.029771978609081665", "1e-3", "-2.5E+2", "0", "-0", "+7",
                         "123456789012345678", "0.5e0", "3.0", "1E5", "-0.0", "9007199254740993.0", "4.9406564584124654e-300"]
        var text = "weights = [ # rows" + newline
        for r in 0..<rows {
            let row = (0..<columns).map { spellings[($0 * 7 + r) % spellings.count] }
            text += "  [" + row.joined(separator: ", ") + (r == 1 ? extra : "") + "],  # row \(r)" + newline
        }
        return text + "]" + newline
    }

    /// The same tree, every number the same bits (NaN included).
    private func same(_ x: TOMLNode, _ y: TOMLNode) -> Bool {
        switch (x, y) {
        case (.table(let a), .table(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        default: return x == y
        }
    }

    private func assertSame(_ fast: [String: TOMLNode], _ plain: [String: TOMLNode], _ note: String = "",
                            line: UInt = #line) {
        XCTAssertTrue(same(.table(fast), .table(plain)), "not TOMLKit's tree " + note, line: line)
    }

    private func both(_ text: String) throws -> (fast: [String: TOMLNode], plain: [String: TOMLNode]) {
        (try TOMLNode.parse(text, path: "t.toml"), try TOMLNode.parseWithTOMLKit(text, path: "t.toml"))
    }

    func testNumberArraysReadHereGiveTOMLKitsTree() throws {
        for newline in ["\n", "\r\n"] {
            let text = "title = \"w = [1, 2]\" # = [3]\n[network]\nlayers = [2, 3]\n" + weights(rows: 6, columns: 40, newline: newline)
                + "biases = [[0.1, 0.2, 0.3], [0.4]]\nnested = { deep = " + String(weights(rows: 3, columns: 30).dropFirst(10).dropLast()) + " }\n"
            let cut = try XCTUnwrap(TOMLNumberArrays.cut(Array(text.utf8)))
            XCTAssertEqual(cut.arrays.count, 2, "the two large arrays, not the small ones")
            XCTAssertEqual(cut.text.count, text.utf8.count)
            XCTAssertEqual(cut.text.filter { $0 == 0x0A }.count, text.utf8.filter { $0 == 0x0A }.count, "every line kept")
            let (fast, plain) = try both(text)
            assertSame(fast, plain)
            guard case .float(let v)? = fast["network"]?.tableValue?["weights"]?.arrayValue?[0].arrayValue?[0] else {
                return XCTFail("weights[0][0] is not a float")
            }
            XCTAssertEqual(v.bitPattern, 0.08785363686585917.bitPattern)
        }
    }

    func testWhatTheScannerDoesNotTakeIsLeftToTOMLKit() throws {
        // each of these makes the array TOMLKit's (or is an error TOMLKit reports)
        for extra in [", 1_000", ", inf", ", nan", ", 0x1F", ", \"s\"", ", 1e400", ", 1e-400", ", true", ", 1 # é\n"] {
            let text = "[network]\n" + weights(rows: 4, columns: 40, extra: extra)
            XCTAssertNil(TOMLNumberArrays.cut(Array(text.utf8)), extra)
            do {
                let (fast, plain) = try both(text)
                assertSame(fast, plain, extra)
            } catch {
                XCTAssertThrowsError(try TOMLNode.parseWithTOMLKit(text, path: "t.toml"), extra)
            }
        }
        // the placeholder's digits anywhere in the text: nothing is cut
        let marked = "x = 9111111111\n" + weights(rows: 4, columns: 40)
        XCTAssertNil(TOMLNumberArrays.cut(Array(marked.utf8)))
    }

    func testMistakesInsideALargeArrayAreTOMLKitsErrorsAtTheSamePlace() {
        for mistake in [", 01.5", ", 1.", ", .5", " 0.5", ", 1e", ",, 2", ", -"] {
            let text = "[network]\n" + weights(rows: 4, columns: 40, extra: mistake) + "x = 1\n"
            XCTAssertNil(TOMLNumberArrays.cut(Array(text.utf8)), mistake)
            var fast: FileError?, plain: FileError?
            do { _ = try TOMLNode.parse(text, path: "t.toml") } catch { fast = error }
            do { _ = try TOMLNode.parseWithTOMLKit(text, path: "t.toml") } catch { plain = error }
            XCTAssertNotNil(plain, mistake)
            XCTAssertEqual(fast?.description, plain?.description, mistake)
        }
        // a mistake after a large array: the same place as without the scanner
        let later = "[network]\n" + weights(rows: 4, columns: 40) + "x = = 1\n"
        XCTAssertNotNil(TOMLNumberArrays.cut(Array(later.utf8)))
        var fast: FileError?, plain: FileError?
        do { _ = try TOMLNode.parse(later, path: "t.toml") } catch { fast = error }
        do { _ = try TOMLNode.parseWithTOMLKit(later, path: "t.toml") } catch { plain = error }
        XCTAssertEqual(fast?.description, plain?.description)
        XCTAssertEqual(fast?.line, 8)
    }
}
