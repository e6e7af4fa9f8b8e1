import Foundation

/// The lessons the menu lists: the built-in course, a teacher's folder added to it, or only the
/// folder. Every file in the folder is tried; a broken one is reported (file:line) and the rest
/// are still listed. Built-in lessons are listed from their build-time listings and parsed only
/// when opened; a folder's files are parsed here (that is how they are checked).
public struct LessonCourse: Sendable {
    /// In list order.
    public var listings: [LessonListing]
    /// Files that could not be used, each `file:line: message`, in file-name order.
    public var problems: [FileError]
    /// Files that loaded but are plain network files (no [lesson] table): skipped, not broken.
    public var skipped: [String]
    /// The folder's parsed lessons, by path.
    let folderFiles: [String: NetworkFile]

    /// The built-in lessons and the folder's, by `order` (lessons without one last), built-in
    /// ones first among equals, then by file name. A folder lesson with the id of a built-in one
    /// takes its place (a teacher's edited copy); with `only`, the built-in lessons are left out.
    public static func load(folder: String?, only: Bool = false) throws(FileError) -> LessonCourse {
        let builtin = only && folder != nil ? [] : BuiltinLessons.listings
        guard let folder else { return LessonCourse(listings: builtin, problems: [], skipped: [], folderFiles: [:]) }
        let found = try LessonFolder.load(folder)
        let mine = found.lessons.compactMap { LessonListing($0.file) }
        let replaced = Set(mine.map(\.id))
        var all = builtin.filter { !replaced.contains($0.id) }.map { (source: 0, listing: $0) }
        all += mine.map { (source: 1, listing: $0) }
        all.sort { a, b in
            (a.listing.order ?? Int.max, a.source, a.listing.fileName) < (b.listing.order ?? Int.max, b.source, b.listing.fileName)
        }
        var files: [String: NetworkFile] = [:]
        for (_, file) in found.lessons { files[file.path] = file }
        return LessonCourse(listings: all.map(\.listing), problems: found.problems, skipped: found.skipped, folderFiles: files)
    }

    /// The whole lesson file of a listing: the folder's, as parsed, or a built-in one, parsed now.
    public func open(_ listing: LessonListing) throws(FileError) -> NetworkFile {
        if let file = folderFiles[listing.path] { return file }
        return try BuiltinLessons.load(listing)
    }
}

/// Every `*.toml` file of one folder, each loaded on its own.
enum LessonFolder {
    static func load(_ folder: String) throws(FileError)
        -> (lessons: [(name: String, file: NetworkFile)], problems: [FileError], skipped: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw FileError(path: folder, message: "no such folder")
        }
        guard isDirectory.boolValue else { throw FileError(path: folder, message: "not a folder (--lessons takes a folder of lesson files)") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw FileError(path: folder, message: "cannot read the folder")
        }
        var lessons: [(name: String, file: NetworkFile)] = []
        var problems: [FileError] = []
        var skipped: [String] = []
        var firstWithID: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".toml") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let file = try NetworkFile.load(path: path)
                guard let lesson = file.lesson else {
                    skipped.append(path)
                    continue
                }
                if let first = firstWithID[lesson.id] {
                    problems.append(FileError(path: path, line: idLine(path), message:
                        "lesson id \"\(lesson.id)\" is already the id of \((first as NSString).lastPathComponent); give each lesson its own id"))
                    continue
                }
                firstWithID[lesson.id] = path
                lessons.append((name, file))
            } catch {
                problems.append(error)
            }
        }
        return (lessons, problems, skipped)
    }

    /// The line of `id = …` in the [lesson] table, for pointing at a duplicate id.
    static func idLine(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var inLesson = false
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { inLesson = line.replacingOccurrences(of: " ", with: "") == "[lesson]" }
            if inLesson, line.hasPrefix("id"), line.dropFirst(2).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return k + 1 }
        }
        return nil
    }
}
