/// Wraps text to lines of at most `width` display columns.
///
/// English (and any text with spaces) breaks at spaces; the spaces at a break are dropped.
/// Japanese (and other wide text) may break between any two characters, except that closing
/// punctuation and small kana (、。」）ー ゃ …) never start a line and opening brackets (「（ …)
/// never end one. A word longer than the line is cut. Each `\n` starts a new paragraph.
public func wrap(_ text: String, width: Int) -> [String] {
    var out: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let chars = Array(paragraph)
        for range in wrapRanges(chars, width: width) { out.append(string(of: chars[range])) }
    }
    return out
}

/// The characters joined into one String, through their UTF-8 bytes: `String(chars[range])`
/// appends one Character at a time through a generic path that cost more than the wrapping.
func string(of chars: ArraySlice<Character>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(chars.count)
    for c in chars { bytes.append(contentsOf: c.utf8) }
    return String(decoding: bytes, as: UTF8.self)
}

/// The line ranges (indices into `chars`) of one paragraph wrapped to `width` columns. Spaces at
/// the breaks are left out of the ranges. An empty paragraph gives one empty range.
public func wrapRanges(_ chars: [Character], width: Int) -> [Range<Int>] {
    let width = max(1, width)
    let n = chars.count
    guard n > 0 else { return [0..<0] }
    // Each character is measured and classified once (comparing Characters is not cheap).
    var widths = [Int](repeating: 0, count: n)
    var space = [Bool](repeating: false, count: n)
    var cjk = [Bool](repeating: false, count: n)
    for (k, c) in chars.enumerated() {
        if let a = c.asciiValue, c.utf8.count == 1 {
            widths[k] = a == 0x09 ? 1 : (a < 0x20 || a == 0x7F ? 0 : 1)
            space[k] = a == 0x20
        } else {
            widths[k] = c == "\t" ? 1 : displayWidth(of: c)
            cjk[k] = isCJK(c)
        }
    }
    var lines: [Range<Int>] = []
    var start = 0
    var used = 0
    var lastBreak: Int? = nil  // a break is allowed before this index
    var i = 0
    func emit(_ end: Int) {
        var e = end
        while e > start, space[e - 1] { e -= 1 }
        lines.append(start..<e)
        var s = end
        while s < n, space[s] { s += 1 }
        start = s
        used = 0
        lastBreak = nil
    }
    /// Whether a line may break before index k (k > 0).
    func breakAllowed(before k: Int) -> Bool {
        if space[k] { return false }
        if space[k - 1] { return true }
        guard cjk[k - 1] || cjk[k] else { return false }
        return !isNoStart(chars[k]) && !isNoEnd(chars[k - 1])
    }
    while i < n {
        if i > start, breakAllowed(before: i) { lastBreak = i }
        if space[i] {
            used += widths[i]
            i += 1
            continue
        }
        if used + widths[i] > width, i > start {
            var cut: Int
            if let b = lastBreak, b > start, space[start..<b].contains(false) {
                cut = b
            } else {
                // No break opportunity: cut the word, but keep closing punctuation with its line.
                cut = i
                while cut - 1 > start, isNoStart(chars[cut]) || isNoEnd(chars[cut - 1]) { cut -= 1 }
            }
            emit(cut)
            i = start
            continue
        }
        used += widths[i]
        i += 1
    }
    if start < n || lines.isEmpty { emit(n) }
    return lines
}

/// Wide characters and Japanese punctuation, where a line may break between characters.
private func isCJK(_ c: Character) -> Bool {
    guard let s = c.unicodeScalars.first else { return false }
    return displayWidth(of: c) == 2 || (0x3000...0x30FF).contains(s.value) || (0xFF61...0xFF9F).contains(s.value)
}

/// Characters that must not begin a line (Japanese kinsoku shori, plus Latin closing punctuation).
func isNoStart(_ c: Character) -> Bool { noStart.contains(c) }

private let noStart: Set<Character> = Set(
    "、。，．・：；？！ー〜…‥」』）〕］｝〉》】〙〗’”々ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" +
    "ｧｨｩｪｫｯｬｭｮｰ｡､｣,.:;!?)]}%"
)

/// Characters that must not end a line (opening brackets).
private func isNoEnd(_ c: Character) -> Bool { noEnd.contains(c) }

private let noEnd: Set<Character> = Set("「『（〔［｛〈《【〘〖‘“｢([{")
