import Foundation

/// MNIST's images and labels (IDX files, each optionally gzip-compressed) as samples: each
/// image's pixels row by row, scaled from 0…255 to 0…1, and its label.
public enum IDXData {
    public struct Samples: Sendable, Equatable {
        public var pixels: [[Double]]
        public var labels: [Int]
        public var rows: Int
        public var columns: Int
    }

    /// Both files read and checked: magic numbers, lengths, and as many labels as images.
    public static func load(images: String, labels: String) throws(FileError) -> Samples {
        let imageFile = try IDXFile.parse(try CompressedFile.read(path: images), path: images, kind: .images)
        let labelFile = try IDXFile.parse(try CompressedFile.read(path: labels), path: labels, kind: .labels)
        let count = imageFile.dimensions[0], rows = imageFile.dimensions[1], columns = imageFile.dimensions[2]
        guard labelFile.dimensions[0] == count else {
            throw FileError(path: labels, message: "has \(labelFile.dimensions[0]) label\(labelFile.dimensions[0] == 1 ? "" : "s"), "
                + "but \(images) has \(count) image\(count == 1 ? "" : "s"): they must be the same samples")
        }
        guard count > 0, rows * columns > 0 else {
            throw FileError(path: images, message: "has no images (its header says \(IDXFile.shape(imageFile.dimensions)))")
        }
        let size = rows * columns
        var pixels: [[Double]] = []
        pixels.reserveCapacity(count)
        imageFile.elements.withUnsafeBufferPointer { bytes in
            for k in 0..<count {
                pixels.append([Double](unsafeUninitializedCapacity: size) { row, initialized in
                    for p in 0..<size { row[p] = Double(bytes[k * size + p]) / 255 }
                    initialized = size
                })
            }
        }
        return Samples(pixels: pixels, labels: labelFile.elements.map(Int.init), rows: rows, columns: columns)
    }

    /// Whether the file holds an IDX array (after decompression), for commands that take either a
    /// CSV or an IDX file (`play --data`): IDX starts with two zero bytes, which no CSV does.
    public static func isIDX(path: String) -> Bool {
        guard let bytes = try? CompressedFile.read(path: path, limit: 4) else { return false }
        return bytes.count == 4 && bytes[0] == 0 && bytes[1] == 0 && IDXFile.typeNames[bytes[2]] != nil
    }

    /// The labels file that goes with an images file by MNIST's names: train-images-idx3-ubyte →
    /// train-labels-idx1-ubyte (also t10k-…, `.gz`, and `images.idx3` spelled with a dot).
    public static func labelsPath(forImages path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let name = String(parts.last!)
        let labels = name.replacingOccurrences(of: "images", with: "labels").replacingOccurrences(of: "idx3", with: "idx1")
        guard labels != name else { return nil }
        return (parts.dropLast().map(String.init) + [labels]).joined(separator: "/")
    }
}
