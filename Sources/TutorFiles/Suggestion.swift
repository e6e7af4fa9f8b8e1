/// "Did you mean …?" for misspelt keys and names.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        let length = lowered.count
        for candidate in candidates {
            // more than 3 edits apart by length alone: never a match, and a word of 40,000
            // characters (a mutated file) would cost 40,000 × the candidate's length to compare
            guard abs(candidate.count - length) <= 3 else { continue }
            let d = distance(lowered, candidate.lowercased())
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best else { return nil }
        // a third of the longer word, at least 1, at most 3 edits
        let limit = min(3, max(1, max(word.count, best.name.count) / 3))
        return best.distance <= limit ? best.name : nil
    }

    /// `; did you mean "x"?` or, without a close match, `; expected one of: "a", "b"`.
    static func hint(for word: String, among candidates: [String], quoted: Bool = true) -> String {
        let q: (String) -> String = { quoted ? "\"\($0)\"" : $0 }
        if let match = closest(to: word, among: candidates) { return "; did you mean \(q(match))?" }
        return "; expected one of: " + candidates.map(q).joined(separator: ", ")
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }
}
