/// A problem with a network file or a data file, pointing at the place to fix.
///
/// `description` is `path:line:column: message`, leaving out the parts that are unknown,
/// the way compilers print errors so that editors can jump to them.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as it was given (a data file: as resolved against the network file's folder).
    public var path: String
    /// 1-based line, when the problem has a place.
    public var line: Int?
    /// 1-based column, when known (TOML syntax errors, bad CSV fields).
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }
}
