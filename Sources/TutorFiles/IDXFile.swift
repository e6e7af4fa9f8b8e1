/// One array of an IDX file (MNIST's format): a magic number — two zero bytes, the element type,
/// the number of dimensions — then each dimension as a big-endian 32-bit integer, then the
/// elements, row-major. Only unsigned bytes (type 0x08), MNIST's type, are read.
struct IDXFile {
    var dimensions: [Int]
    /// The elements, after the header.
    var elements: ArraySlice<UInt8>

    /// What is being read, for messages: images have count, rows and columns; labels one value each.
    enum Kind: String {
        case images, labels
        var dimensionCount: Int { self == .images ? 3 : 1 }
        var magic: UInt32 { self == .images ? 0x0000_0803 : 0x0000_0801 }
    }

    static let typeNames: [UInt8: String] = [0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "16-bit integer",
                                             0x0C: "32-bit integer", 0x0D: "float", 0x0E: "double"]

    /// Checks the header against `kind` and the length against the header.
    static func parse(_ bytes: [UInt8], path: String, kind: Kind) throws(FileError) -> IDXFile {
        func fail(_ message: String) -> FileError { FileError(path: path, message: message) }
        let expected = hex(kind.magic)
        guard bytes.count >= 4 else {
            throw fail("the file is cut short: \(bytes.count) byte\(bytes.count == 1 ? "" : "s"), "
                + "but an IDX file starts with a 4-byte magic number (\(expected) for \(kind.rawValue))")
        }
        let magic = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard bytes[0] == 0, bytes[1] == 0, let type = typeNames[bytes[2]] else {
            throw fail("not an IDX file: the magic number is \(hex(magic)), IDX \(kind.rawValue) start with \(expected)")
        }
        guard bytes[2] == 0x08 else {
            throw fail("IDX elements of type \(type) are not read; MNIST's files are unsigned bytes (\(expected))")
        }
        let count = Int(bytes[3])
        guard count == kind.dimensionCount else {
            let other = count == 3 ? " (an images file?)" : count == 1 ? " (a labels file?)" : ""
            throw fail("wrong magic number \(hex(magic)): \(count) dimension\(count == 1 ? "" : "s")\(other), "
                + "but IDX \(kind.rawValue) have \(kind.dimensionCount) (\(expected))")
        }
        let headerSize = 4 + 4 * count
        guard bytes.count >= headerSize else {
            throw fail("the file is cut short: \(bytes.count) bytes, its header alone is \(headerSize)")
        }
        var dimensions: [Int] = []
        for d in 0..<count {
            let at = 4 + 4 * d
            dimensions.append(bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) })
        }
        // at most 2³² · 2³² · 2³²: check the product grows within Int
        var size = 1
        for d in dimensions {
            let (product, overflow) = size.multipliedReportingOverflow(by: d)
            guard !overflow else { throw fail("the header's dimensions \(shape(dimensions)) are too large") }
            size = product
        }
        let have = bytes.count - headerSize
        guard have == size else {
            let said = kind == .images ? "\(dimensions[0]) images of \(dimensions[1])×\(dimensions[2])" : "\(size) labels"
            throw fail(have < size
                ? "the file is cut short: its header says \(said) (\(headerSize + size) bytes), the file has \(bytes.count) bytes"
                : "the file is longer than its header says: \(said) (\(headerSize + size) bytes), the file has \(bytes.count) bytes")
        }
        return IDXFile(dimensions: dimensions, elements: bytes[headerSize...])
    }

    /// "0x00000803"
    static func hex(_ x: UInt32) -> String {
        let digits = String(x, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func shape(_ dimensions: [Int]) -> String { dimensions.map(String.init).joined(separator: "×") }
}
