import CZlib
import Foundation

/// Reads a file that may be gzip-compressed (MNIST is downloaded as .gz): a file that starts
/// with gzip's magic bytes is decompressed by zlib, any other is read as it is. (Foundation on
/// Linux has no gzip.)
enum CompressedFile {
    /// The whole file, or its first `limit` bytes (to tell what kind of file it is).
    static func read(path: String, limit: Int = .max) throws(FileError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw FileError(path: path, message: "file not found") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FileError(path: path, message: "cannot read the file") }
        let start = (try? handle.read(upToCount: 2)) ?? nil
        try? handle.close()
        guard start == Data([0x1F, 0x8B]) else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FileError(path: path, message: "cannot read the file")
            }
            return [UInt8](data.prefix(limit))
        }
        return try gunzip(path: path, limit: limit)
    }

    private static func gunzip(path: String, limit: Int) throws(FileError) -> [UInt8] {
        guard let file = gzopen(path, "rb") else { throw FileError(path: path, message: "cannot read the file") }
        defer { gzclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(limit, 1 << 18))
        while out.count < limit {
            let got = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            var code: Int32 = 0
            var reason = String(cString: gzerror(file, &code))
            if got < 0 || code != Z_OK {
                if reason.hasPrefix(path + ": ") { reason.removeFirst(path.count + 2) }  // zlib names the file
                // a gzip stream that ends early is Z_BUF_ERROR ("unexpected end of file")
                throw FileError(path: path, message: code == Z_BUF_ERROR ? "the compressed file is cut short (\(reason))"
                                                                         : "cannot decompress the file: \(reason)")
            }
            if got == 0 { break }
            out.append(contentsOf: chunk[0..<Int(got)])
        }
        return Array(out.prefix(limit))
    }
}
