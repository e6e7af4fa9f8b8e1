import Foundation

/// Where a network file's data files are read from: the disk, or the files compiled into the
/// program (`BuiltinLessons`), keyed by their path under `lessons/`.
enum FileSource: Sendable {
    case disk
    /// `root` is the folder the keys are relative to ("lessons").
    case embedded(root: String, files: [String: String])

    func exists(_ path: String) -> Bool {
        switch self {
        case .disk: return FileManager.default.fileExists(atPath: path)
        case .embedded: return text(path) != nil
        }
    }

    /// The contents of an embedded file (nil on disk: read it with FileManager).
    func text(_ path: String) -> String? {
        guard case .embedded(let root, let files) = self else { return nil }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let key = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return files[Self.normalize(key)]
    }

    /// "a/./b/../c" → "a/c"
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", !parts.isEmpty { parts.removeLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}
