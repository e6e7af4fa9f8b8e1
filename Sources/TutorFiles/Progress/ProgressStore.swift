import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every lesson's progress, in one JSON file per user.
public struct ProgressFile: Codable, Equatable, Sendable {
    public var version: Int
    /// by lesson id
    public var lessons: [String: LessonProgress]

    public init(version: Int = 1, lessons: [String: LessonProgress] = [:]) {
        self.version = version
        self.lessons = lessons
    }
}

/// A problem with the progress file: the tutor goes on, and shows the warning on one line.
public struct ProgressWarning: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// the file could not be read as progress; it was moved to `movedTo` (nil: could not be moved)
        case corrupt(movedTo: String?)
        /// the file exists but cannot be read
        case unreadable
        /// progress cannot be saved (read-only folder, disk full…)
        case notSaved
        case notReset
    }

    public var kind: Kind
    public var path: String
    /// The system's reason, in English.
    public var reason: String

    public func text(_ l: LessonLanguage) -> String {
        switch (kind, l) {
        case (.corrupt(let moved?), .en): return "warning: progress file \(path) was damaged; moved it to \(moved) and started afresh"
        case (.corrupt(let moved?), .ja): return "警告: 進捗ファイル \(path) が壊れていたため \(moved) に移し、新しく記録を始めます"
        case (.corrupt(nil), .en): return "warning: progress file \(path) is damaged and could not be moved aside (\(reason)); progress starts afresh"
        case (.corrupt(nil), .ja): return "警告: 進捗ファイル \(path) が壊れていて退避もできませんでした（\(reason)）。進捗は最初からになります"
        case (.unreadable, .en): return "warning: cannot read progress file \(path) (\(reason)); progress starts afresh"
        case (.unreadable, .ja): return "警告: 進捗ファイル \(path) を読めません（\(reason)）。進捗は最初からになります"
        case (.notSaved, .en): return "warning: cannot save progress to \(path) (\(reason)); this session's progress will not be kept"
        case (.notSaved, .ja): return "警告: 進捗を \(path) に保存できません（\(reason)）。今回の進捗は残りません"
        case (.notReset, .en): return "warning: cannot clear progress file \(path) (\(reason))"
        case (.notReset, .ja): return "警告: 進捗ファイル \(path) を消去できません（\(reason)）"
        }
    }

    public var description: String { text(.en) }
}

/// Progress per user in `$XDG_STATE_HOME/backprop-tutor/progress.json` (default
/// `~/.local/state/backprop-tutor/`). Written atomically (a temporary file, then rename) under a
/// lock, after re-reading the file and merging, so two tutors open at once keep each other's
/// lessons. A damaged file is moved aside with a warning; no problem here ever stops the tutor.
public struct ProgressStore: Sendable {
    public let directory: String
    public var path: String { directory + "/progress.json" }

    public init(directory: String) {
        self.directory = directory
    }

    /// The store at the default place for this user.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(directory: Self.defaultDirectory(environment: environment))
    }

    /// `$XDG_STATE_HOME/backprop-tutor`, or `$HOME/.local/state/backprop-tutor` when XDG_STATE_HOME
    /// is unset, empty or relative (as the XDG spec says).
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/backprop-tutor"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/backprop-tutor"
    }

    // MARK: reading

    /// Everything saved; a missing file is empty progress.
    public func load() -> (ProgressFile, [ProgressWarning]) {
        guard FileManager.default.fileExists(atPath: path) else { return (ProgressFile(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (ProgressFile(), [ProgressWarning(kind: .unreadable, path: path, reason: "permission denied")])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let file = try? decoder.decode(ProgressFile.self, from: data), file.version == 1,
           file.lessons.values.allSatisfy({ $0.scene >= 0 }) {
            return (file, [])
        }
        return (ProgressFile(), [moveAside()])
    }

    /// One lesson's progress, if saved.
    public func progress(for lessonID: String) -> (LessonProgress?, [ProgressWarning]) {
        let (file, warnings) = load()
        return (file.lessons[lessonID], warnings)
    }

    // MARK: writing

    /// Saves one lesson's progress: re-reads the file, merges, writes atomically.
    @discardableResult
    public func save(_ progress: LessonProgress, for lessonID: String, now: Date = Date()) -> [ProgressWarning] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return [ProgressWarning(kind: .notSaved, path: path, reason: Self.reason(error))]
        }
        let lock = Lock(path: directory + "/progress.lock")
        defer { lock.release() }
        var (file, warnings) = load()
        var mine = progress
        mine.updated = now
        if let theirs = file.lessons[lessonID] { mine = mine.merged(with: theirs) }
        file.lessons[lessonID] = mine
        if let w = write(file) { warnings.append(w) }
        return warnings
    }

    /// Clears all progress (`--reset-progress`), or one lesson's.
    @discardableResult
    public func reset(lesson lessonID: String? = nil) -> [ProgressWarning] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        if let lessonID {
            let lock = Lock(path: directory + "/progress.lock")
            defer { lock.release() }
            var (file, warnings) = load()
            file.lessons[lessonID] = nil
            if let w = write(file) { warnings.append(w) }
            return warnings
        }
        do {
            try FileManager.default.removeItem(atPath: path)
            return []
        } catch {
            return [ProgressWarning(kind: .notReset, path: path, reason: Self.reason(error))]
        }
    }

    // MARK: internals

    /// Writes to a temporary file in the same folder, then renames it over the old file.
    private func write(_ file: ProgressFile) -> ProgressWarning? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(file) else {
            return ProgressWarning(kind: .notSaved, path: path, reason: "cannot encode")
        }
        let temporary = directory + "/.progress.json.\(getpid()).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            return ProgressWarning(kind: .notSaved, path: path, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            return ProgressWarning(kind: .notSaved, path: path, reason: reason)
        }
        return nil
    }

    /// Moves a damaged file to `progress.json.corrupt-<time>`.
    private func moveAside() -> ProgressWarning {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var target = path + ".corrupt-" + formatter.string(from: Date())
        var n = 2
        while FileManager.default.fileExists(atPath: target) {
            target = path + ".corrupt-" + formatter.string(from: Date()) + "-\(n)"
            n += 1
        }
        guard rename(path, target) == 0 else {
            return ProgressWarning(kind: .corrupt(movedTo: nil), path: path, reason: String(cString: strerror(errno)))
        }
        return ProgressWarning(kind: .corrupt(movedTo: target), path: path, reason: "")
    }

    private static func reason(_ error: Error) -> String {
        let e = error as NSError
        if let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if e.domain == NSCocoaErrorDomain, e.code == NSFileWriteNoPermissionError { return "permission denied" }
        return e.localizedDescription
    }
}

/// An exclusive lock on a file for the read-merge-write of the progress file; when the lock file
/// cannot be made (a read-only folder) the work goes on without it.
struct Lock {
    private let fd: Int32

    init(path: String) {
        fd = open(path, O_CREAT | O_RDWR, 0o644)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
