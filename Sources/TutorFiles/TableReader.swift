/// The file being read: its path, where each key is, and the folder data files are relative to.
struct ParseContext: Sendable {
    var path: String
    var map: SourceMap
    var baseDirectory: String
    /// Where data files are read from.
    var files: FileSource = .disk

    /// An error at the line of `keyPath` (or of its element `element`).
    func error(at keyPath: String, element: Int? = nil, _ message: String) -> FileError {
        let line = element.map { map.line(of: keyPath, element: $0) } ?? map.line(of: keyPath)
        return FileError(path: path, line: line, message: message)
    }
}

/// Reads the keys of one table; every error names the key (`training.epochs`) and points at its line.
struct TableReader {
    /// "" for the top level
    let name: String
    let table: [String: TOMLNode]
    let context: ParseContext

    /// Rejects keys not in `known`, the first one in the file first, with a suggestion.
    /// `label` names the table in messages (default ` in [name]`).
    init(_ name: String, _ table: [String: TOMLNode], known: [String], context: ParseContext,
         label: String? = nil) throws(FileError) {
        self.name = name
        self.table = table
        self.context = context
        // the first unknown key in the file: one pass (a file of 700,000 keys is rejected at once)
        let unknown = table.keys.filter { !known.contains($0) }.map { (context.map.line(of: "\(name.isEmpty ? "" : name + ".")\($0)") ?? 0, $0) }
        if let key = unknown.min(by: { $0 < $1 })?.1 {
            let place = label ?? (name.isEmpty ? "" : " in [\(name)]")
            var hint = Suggestion.hint(for: key, among: known)
            if Suggestion.closest(to: key, among: known) == nil,
               let home = FileSchema.tableOwning(key), home != name {
                hint = "; it belongs in [\(home)]"
            }
            throw context.error(at: path(key), "unknown key \"\(key)\"\(place)\(hint)")
        }
    }

    func path(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }

    func has(_ key: String) -> Bool { table[key] != nil }

    func error(_ key: String, element: Int? = nil, _ message: String) -> FileError {
        context.error(at: path(key), element: element, message)
    }

    func required(_ key: String) throws(FileError) -> TOMLNode {
        guard let node = table[key] else {
            throw context.error(at: name, "missing key \"\(key)\" in [\(name)]")
        }
        return node
    }

    func string(_ key: String) throws(FileError) -> String? {
        guard let node = table[key] else { return nil }
        guard case .string(let s) = node else { throw error(key, "\(path(key)) must be a string, got \(node.kind)") }
        return s
    }

    func bool(_ key: String) throws(FileError) -> Bool? {
        guard let node = table[key] else { return nil }
        guard case .bool(let b) = node else {
            throw error(key, "\(path(key)) must be true or false, got \(node.kind)")
        }
        return b
    }

    /// A number; TOML integers are accepted (`1` as well as `1.0`).
    func number(_ key: String) throws(FileError) -> Double? {
        guard let node = table[key] else { return nil }
        guard let d = node.number else { throw error(key, "\(path(key)) must be a number, got \(node.kind)") }
        guard d.isFinite else { throw error(key, "\(path(key)) must be a finite number") }
        return d
    }

    /// An integer; a float with no fraction (`10.0`) is accepted too.
    func integer(_ key: String) throws(FileError) -> Int? {
        guard let node = table[key] else { return nil }
        if case .integer(let i) = node { return i }
        if case .float(let d) = node, d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        throw error(key, "\(path(key)) must be an integer, got \(node.kind)")
    }

    /// One of a fixed set of names: `unknown activation "sigmod"; did you mean "sigmoid"?`
    func choice<T>(_ key: String, what: String, _ options: [(String, T)]) throws(FileError) -> T? {
        guard let s = try string(key) else { return nil }
        if let match = options.first(where: { $0.0 == s }) { return match.1 }
        let hint = Suggestion.hint(for: s, among: options.map(\.0))
        throw error(key, "unknown \(what) \"\(s)\"\(hint)")
    }

    /// Rejects a key that has no effect with the other settings.
    func reject(_ key: String, unless condition: Bool, _ reason: String) throws(FileError) {
        if has(key) && !condition { throw error(key, "\(path(key)) is only used \(reason)") }
    }
}

/// Arrays of numbers, nested, with errors that name the element (`network.weights[1][0][2]`).
enum NumberArrays {
    static func list(_ node: TOMLNode, _ label: String, at: () -> FileError) throws(FileError) -> [Double] {
        guard let items = node.arrayValue else { throw with(at(), "\(label) must be an array of numbers") }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            guard let d = item.number else {
                throw with(at(), "\(label)[\(k)] must be a number, got \(item.kind)")
            }
            guard d.isFinite else { throw with(at(), "\(label)[\(k)] must be a finite number") }
            out.append(d)
        }
        return out
    }

    /// An array of arrays of numbers; `at(k)` gives the place of row k.
    static func matrix(_ node: TOMLNode, _ label: String, at: (Int?) -> FileError) throws(FileError) -> [[Double]] {
        guard let rows = node.arrayValue, rows.allSatisfy({ $0.arrayValue != nil }) else {
            throw with(at(nil), "\(label) must be an array of arrays of numbers")
        }
        var out: [[Double]] = []
        out.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            out.append(try list(row, "\(label)[\(k)]", at: { at(k) }))
        }
        return out
    }

    private static func with(_ place: FileError, _ message: String) -> FileError {
        var e = place
        e.message = message
        return e
    }
}
