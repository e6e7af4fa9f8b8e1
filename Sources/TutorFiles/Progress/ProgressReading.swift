import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at the progress path, read record by record: one damaged lesson never costs the others.
enum ProgressReading {
    case missing
    case directory
    case unreadable(reason: String)
    /// not JSON, or not an object with a version and lessons
    case corrupt
    case newer(version: Int)
    /// the valid records, and the damaged ones by lesson id: their JSON as it was, and what is wrong
    case parsed(ProgressFile, damaged: [String: (json: Any, problem: String)])

    static func inspect(path: String) -> ProgressReading {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .directory }
        let data: Data
        switch readAll(path) {
        case .success(let d): data = d
        case .failure(let reason): return .unreadable(reason: reason.text)
        }
        return parse(data)
    }

    static func parse(_ data: Data) -> ProgressReading {
        // the version through Codable, which (unlike JSONSerialization's NSNumber) tells true from 1
        struct Header: Decodable { var version: Int }
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = try? JSONDecoder().decode(Header.self, from: data).version else { return .corrupt }
        if version > ProgressFile.currentVersion { return .newer(version: version) }
        guard version == ProgressFile.currentVersion, let lessons = top["lessons"] as? [String: Any] else { return .corrupt }
        var file = ProgressFile(version: version)
        var damaged: [String: (json: Any, problem: String)] = [:]
        for (id, json) in lessons {
            switch record(json) {
            case .success(let progress): file.lessons[id] = progress
            case .failure(let problem): damaged[id] = (json, problem.text)
            }
        }
        return .parsed(file, damaged: damaged)
    }

    struct Problem: Error { var text: String }

    /// One lesson's record, or which field is wrong and how ("scene: not a whole number").
    static func record(_ json: Any) -> Result<LessonProgress, Problem> {
        guard JSONSerialization.isValidJSONObject([json]),
              let data = try? JSONSerialization.data(withJSONObject: [json]) else {
            return .failure(Problem(text: "not a record"))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let progress: LessonProgress
        do {
            progress = try decoder.decode([LessonProgress].self, from: data)[0]
        } catch let error as DecodingError {
            return .failure(Problem(text: describe(error)))
        } catch {
            return .failure(Problem(text: "\(error)"))
        }
        if progress.scene < 0 { return .failure(Problem(text: "scene: negative")) }
        if progress.furthestScene < 0 { return .failure(Problem(text: "furthestScene: negative")) }
        if let bad = progress.quizzes.keys.sorted().first(where: { Int($0).map { $0 < 0 } ?? true }) {
            return .failure(Problem(text: "quizzes: \"\(bad)\" is not a scene number"))
        }
        return .success(progress)
    }

    /// "scene: not a whole number", "updated: not a date", "quizzes.2.correct: not true or false".
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            // the first key is the array index added by `record`
            let names = path.dropFirst().map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? "the record" : names.joined(separator: ".")
        }
        func what(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type: return "a whole number"
            case is Bool.Type: return "true or false"
            case is String.Type: return "text"
            case is Date.Type, is Double.Type: return "a date"
            case is [String: Any].Type, is [String: QuizRecord].Type: return "a table"
            default: return "of the right kind"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)): not \(what(type))"
        case .valueNotFound(_, let context):
            return "\(field(context.codingPath)): missing"
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            // Foundation leaves the key out of a bad date's path; `updated` is the only date
            if context.debugDescription.lowercased().contains("date") { return "updated: not a date" }
            return "\(field(context.codingPath)): unreadable"
        @unknown default:
            return "unreadable"
        }
    }

    /// The whole file, or the system's reason it cannot be read.
    static func readAll(_ path: String) -> Result<Data, Problem> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(Problem(text: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return .success(data) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(text: String(cString: strerror(errno))))
            }
            data.append(contentsOf: buffer[0..<n])
        }
    }
}
