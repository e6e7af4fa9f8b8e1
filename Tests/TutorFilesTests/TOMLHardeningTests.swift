import XCTest
@testable import TutorFiles

/// Network files that used to crash or take half a minute, and syntax errors placed where the
/// mistake is (issue 14).
final class TOMLHardeningTests: XCTestCase {
    private func failure(_ text: String) -> FileError? {
        do {
            _ = try parse(text)
            return nil
        } catch { return error }
    }

    func testDottedKeyWith40000PartsIsAnErrorNotACrash() {
        let key = Array(repeating: "a", count: 40_000).joined(separator: ".")
        XCTAssertEqual(failure(minimalNetwork + key + " = 1\n")?.description,
                       "test.toml:7:2: a dotted key or table name nested more than 100 levels deep; a network file needs only a few")
        XCTAssertEqual(failure("[" + key + "]\nx = 1\n")?.description,
                       "test.toml:1:3: a dotted key or table name nested more than 100 levels deep; a network file needs only a few")
        // quoted parts count too; inline tables nested deeply are refused the same way
        XCTAssertEqual(failure("x = " + String(repeating: "{a = ", count: 500) + "1" + String(repeating: "}", count: 500))?.line, 1)
        let quoted = Array(repeating: "\"a\"", count: 200).joined(separator: ".")
        XCTAssertEqual(failure(quoted + " = 1\n")?.line, 1)
        // a few levels, dots in strings, comments and numbers are all fine
        XCTAssertNil(failure(minimalNetwork + "[training]\nlearning_rate = 0.5 # a.b.c.d\n"))
        XCTAssertNil(failure("title = \"" + String(repeating: "a.", count: 500) + "\"\n" + minimalNetwork))
    }

    func testFileOf700000KeysIsRejected() throws {
        // 3.5 MB of keys (the 10 MB, 700,000-key file of the issue takes 3.2 s in release, as long as
        // tomllib; 30 s in a debug test run): rejected, in time proportional to the size
        var text = ""
        text.reserveCapacity(4 << 20)
        for i in 0..<250_000 { text += "k\(i) = \(i)\n" }
        XCTAssertEqual(failure(text)?.description, "test.toml:1: unknown key \"k0\" at the top of the file; expected one of: \"title\", \"numpy_names\"")
        XCTAssertEqual(failure("[network]\n" + text)?.line, 2)
    }

    func testFileFarLargerThanAnyNetworkIsRefusedUpFront() {
        let big = [UInt8](repeating: 0x20, count: TOMLLimits.maxBytes + 1)
        XCTAssertThrowsError(try big.withUnsafeBufferPointer { b throws(FileError) in try TOMLLimits.check(b, path: "big.toml") }) { error in
            XCTAssertEqual((error as? FileError)?.description, "big.toml: the file is 64 MB; network files are limited to 64 MB "
                + "(the article's 784-128-64-10 network with its weights is 2.4 MB)")
        }
    }

    func testUnclosedArrayAndStringPointAtTheirOpening() {
        let array = "[network]\nlayers = [2, 2, 1]\n\n[data]\n\n\ninputs = [[0, 0], [0, 1],\n\n[training]\n"
        XCTAssertEqual(failure(array)?.description, "test.toml:7:10: TOML syntax error: this array is not closed\n"
            + "note: test.toml:9:4: noticed here: Error while parsing boolean: expected 'true', saw 'tra'")
        let string = "[network]\nlayers = [2, 2, 1]\ntitle = \"\"\"abc\n\n[data]\nx=1\n"
        XCTAssertEqual(failure(string)?.description, "test.toml:3:9: TOML syntax error: this string is not closed\n"
            + "note: test.toml:6:5: noticed here: Error while parsing string: encountered end-of-file")
        // at the end of the file the opening is shown even on the same line
        XCTAssertEqual(failure("[network]\nlayers = [2, 2, 1")?.line, 2)
        XCTAssertEqual(failure("[network]\nlayers = [2, 2, 1")?.column, 10)
        // brackets inside strings and comments do not count
        XCTAssertEqual(failure("title = \"[\" # [\n[network]\nlayers = [2, 2, 1] x\n")?.line, 3)
    }
}
