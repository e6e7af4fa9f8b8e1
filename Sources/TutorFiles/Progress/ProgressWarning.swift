/// A problem with the progress file: the tutor goes on, and shows the warning on one line.
public struct ProgressWarning: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// the file could not be read as progress; it was moved to `movedTo` (nil: could not be moved)
        case corrupt(movedTo: String?)
        /// one lesson's record was damaged (`reason` says which field and how); only that record
        /// was set aside, to `movedTo` (nil: could not be written), and the other lessons are kept
        case recordSetAside(lesson: String, movedTo: String?)
        /// a newer backprop-tutor wrote the file (its format `version`): it is neither used nor overwritten
        case newerVersion(Int)
        /// a folder is where the progress file should be
        case isDirectory
        /// the file exists but cannot be read (`reason`); it is not overwritten either
        case unreadable
        /// progress cannot be saved (read-only folder, disk full…)
        case notSaved
        case notReset
    }

    public var kind: Kind
    public var path: String
    /// The system's reason, or the damaged field, in English.
    public var reason: String

    public init(kind: Kind, path: String, reason: String = "") {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public func text(_ l: LessonLanguage) -> String {
        switch (kind, l) {
        case (.corrupt(let moved?), .en): return "warning: progress file \(path) was damaged; moved it to \(moved) and started afresh"
        case (.corrupt(let moved?), .ja): return "警告：進捗ファイル \(path) が壊れていたため \(moved) に移し、新しく記録を始めます"
        case (.corrupt(nil), .en): return "warning: progress file \(path) is damaged and could not be moved aside (\(reason)); progress starts afresh"
        case (.corrupt(nil), .ja): return "警告：進捗ファイル \(path) が壊れていて退避もできませんでした（\(reason)）。進捗は最初からになります"
        case (.recordSetAside(let lesson, let moved?), .en):
            return "warning: the saved progress of lesson \"\(lesson)\" in \(path) was damaged (\(reason)); it was moved to \(moved), "
                + "that lesson starts afresh and the other lessons keep theirs"
        case (.recordSetAside(let lesson, let moved?), .ja):
            return "警告：\(path) のレッスン「\(lesson)」の進捗が壊れていました（\(reason)）。\(moved) に移し、このレッスンだけ最初からになります（他のレッスンの進捗はそのままです）"
        case (.recordSetAside(let lesson, nil), .en):
            return "warning: the saved progress of lesson \"\(lesson)\" in \(path) is damaged (\(reason)) and could not be moved aside; "
                + "that lesson starts afresh and the other lessons keep theirs"
        case (.recordSetAside(let lesson, nil), .ja):
            return "警告：\(path) のレッスン「\(lesson)」の進捗が壊れていて（\(reason)）、退避もできませんでした。このレッスンだけ最初からになります（他のレッスンの進捗はそのままです）"
        case (.newerVersion(let v), .en):
            return "warning: progress file \(path) was written by a newer backprop-tutor (format version \(v)); "
                + "it is left as it is, and this session's progress will not be saved"
        case (.newerVersion(let v), .ja):
            return "警告：進捗ファイル \(path) は新しい版の backprop-tutor が書いたものです（形式 \(v)）。そのまま残し、今回の進捗は保存しません"
        case (.isDirectory, .en):
            return "warning: \(path) is a folder, not a progress file; progress cannot be read or saved until it is moved away"
        case (.isDirectory, .ja):
            return "警告：\(path) はフォルダで、進捗ファイルではありません。移動するまで進捗の読み込みも保存もできません"
        case (.unreadable, .en): return "warning: cannot read progress file \(path) (\(reason)); progress starts afresh and the file is not overwritten"
        case (.unreadable, .ja): return "警告：進捗ファイル \(path) を読めません（\(reason)）。進捗は最初からになり、ファイルは上書きしません"
        case (.notSaved, .en): return "warning: cannot save progress to \(path) (\(reason)); this session's progress will not be kept"
        case (.notSaved, .ja): return "警告：進捗を \(path) に保存できません（\(reason)）。今回の進捗は残りません"
        case (.notReset, .en): return "warning: cannot clear progress file \(path) (\(reason))"
        case (.notReset, .ja): return "警告：進捗ファイル \(path) を消去できません（\(reason)）"
        }
    }

    public var description: String { text(.en) }
}
