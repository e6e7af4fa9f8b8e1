import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every lesson's progress, in one JSON file per user.
public struct ProgressFile: Codable, Equatable, Sendable {
    /// The format this backprop-tutor writes; a file with a larger one is left alone.
    public static let currentVersion = 1

    public var version: Int
    /// by lesson id
    public var lessons: [String: LessonProgress]

    public init(version: Int = ProgressFile.currentVersion, lessons: [String: LessonProgress] = [:]) {
        self.version = version
        self.lessons = lessons
    }
}

/// Progress per user in `$XDG_STATE_HOME/backprop-tutor/progress.json` (default
/// `~/.local/state/backprop-tutor/`). Written durably (`DurableFile`: temporary file, fsync,
/// rename, fsync of the folder) under a lock, after re-reading the file and merging, so two tutors
/// open at once keep each other's lessons. Read record by record: a damaged lesson record is set
/// aside alone, a damaged file as a whole, each with a warning; a file from a newer
/// backprop-tutor, or one that cannot be read, is never overwritten. No problem here ever stops
/// the tutor.
public struct ProgressStore: Sendable {
    public let directory: String
    public var path: String { directory + "/progress.json" }
    var lockPath: String { directory + "/progress.lock" }
    var durable = DurableFile()

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

    /// Everything saved that is valid; a missing file is empty progress. Damaged records (or a
    /// damaged file) are moved aside here, once, with a warning for each.
    public func load() -> (ProgressFile, [ProgressWarning]) {
        if case .missing = ProgressReading.inspect(path: path) { return (ProgressFile(), []) }
        let lock = Lock(path: lockPath)
        defer { lock.release() }
        let (file, warnings, _) = loadLocked()
        return (file, warnings)
    }

    /// One lesson's progress, if saved.
    public func progress(for lessonID: String) -> (LessonProgress?, [ProgressWarning]) {
        let (file, warnings) = load()
        return (file.lessons[lessonID], warnings)
    }

    /// The file's valid progress, its warnings, and whether it may be replaced. Call under the lock.
    private func loadLocked() -> (ProgressFile, [ProgressWarning], writable: Bool) {
        switch ProgressReading.inspect(path: path) {
        case .missing:
            return (ProgressFile(), [], true)
        case .directory:
            return (ProgressFile(), [ProgressWarning(kind: .isDirectory, path: path)], false)
        case .unreadable(let reason):
            return (ProgressFile(), [ProgressWarning(kind: .unreadable, path: path, reason: reason)], false)
        case .newer(let version):
            return (ProgressFile(), [ProgressWarning(kind: .newerVersion(version), path: path)], false)
        case .corrupt:
            return (ProgressFile(), [moveAside()], true)
        case .parsed(let file, let damaged):
            guard !damaged.isEmpty else { return (file, [], true) }
            return (file, setAside(damaged, keeping: file), true)
        }
    }

    // MARK: writing

    /// Saves one lesson's progress: re-reads the file, merges, writes durably.
    @discardableResult
    public func save(_ progress: LessonProgress, for lessonID: String, now: Date = Date()) -> [ProgressWarning] {
        if case .directory = ProgressReading.inspect(path: path) { return [ProgressWarning(kind: .isDirectory, path: path)] }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return [ProgressWarning(kind: .notSaved, path: path, reason: Self.reason(error))]
        }
        let lock = Lock(path: lockPath)
        defer { lock.release() }
        var (file, warnings, writable) = loadLocked()
        guard writable else { return warnings }
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
        switch ProgressReading.inspect(path: path) {
        case .missing: return []
        case .directory: return [ProgressWarning(kind: .isDirectory, path: path)]
        default: break
        }
        if let lessonID {
            let lock = Lock(path: lockPath)
            defer { lock.release() }
            var (file, warnings, writable) = loadLocked()
            guard writable else { return warnings }
            file.lessons[lessonID] = nil
            if let w = write(file) { warnings.append(w) }
            return warnings
        }
        // asked for in so many words: even a newer version's file goes
        do {
            try FileManager.default.removeItem(atPath: path)
            return []
        } catch {
            return [ProgressWarning(kind: .notReset, path: path, reason: Self.reason(error))]
        }
    }

    // MARK: internals

    private func write(_ file: ProgressFile) -> ProgressWarning? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(file) else {
            return ProgressWarning(kind: .notSaved, path: path, reason: "cannot encode")
        }
        return durable.replace(path, with: data).map { ProgressWarning(kind: .notSaved, path: path, reason: $0) }
    }

    /// Moves a damaged file to `progress.json.corrupt-<time>`.
    private func moveAside() -> ProgressWarning {
        let target = asidePath()
        guard rename(path, target) == 0 else {
            return ProgressWarning(kind: .corrupt(movedTo: nil), path: path, reason: String(cString: strerror(errno)))
        }
        return ProgressWarning(kind: .corrupt(movedTo: target), path: path)
    }

    /// Writes the damaged records, as they were, to `progress.json.corrupt-<time>`, and the file
    /// again without them, so that they are reported once. One warning per damaged lesson.
    private func setAside(_ damaged: [String: (json: Any, problem: String)], keeping file: ProgressFile) -> [ProgressWarning] {
        let target = asidePath()
        let aside: [String: Any] = ["version": ProgressFile.currentVersion, "lessons": damaged.mapValues(\.json)]
        var moved: String? = target
        if let data = try? JSONSerialization.data(withJSONObject: aside, options: [.prettyPrinted, .sortedKeys]),
           durable.replace(target, with: data) == nil {
            if write(file) != nil { moved = nil }
        } else {
            moved = nil
        }
        return damaged.keys.sorted().map {
            ProgressWarning(kind: .recordSetAside(lesson: $0, movedTo: moved), path: path, reason: damaged[$0]!.problem)
        }
    }

    private func asidePath() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: Date())
        var target = path + ".corrupt-" + stamp
        var n = 2
        while FileManager.default.fileExists(atPath: target) {
            target = path + ".corrupt-" + stamp + "-\(n)"
            n += 1
        }
        return target
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
