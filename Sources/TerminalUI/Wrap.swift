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
        for range in wrapRanges(chars, width: width) { out.append(String(chars[range])) }
    }
    return out
}

/// The line ranges (indices into `chars`) of one paragraph wrapped to `width` columns. Spaces at
/// the breaks are left out of the ranges. An empty paragraph gives one empty range.
public func wrapRanges(_ chars: [Character], width: Int) -> [Range<Int>] {
    let width = max(1, width)
    let n = chars.count
    guard n > 0 else { return [0..<0] }
    let widths = chars.map { $0 == "\t" ? 1 : displayWidth(of: $0) }
    var lines: [Range<Int>] = []
    var start = 0
    var used = 0
    var lastBreak: Int? = nil  // a break is allowed before this index
    var i = 0
    func emit(_ end: Int) {
        var e = end
        while e > start, chars[e - 1] == " " { e -= 1 }
        lines.append(start..<e)
        var s = end
        while s < n, chars[s] == " " { s += 1 }
        start = s
        used = 0
        lastBreak = nil
    }
    while i < n {
        let c = chars[i]
        if i > start, breakAllowed(before: i, in: chars) { lastBreak = i }
        if c == " " {
            used += widths[i]
            i += 1
            continue
        }
        if used + widths[i] > width, i > start {
            var cut: Int
            if let b = lastBreak, b > start, chars[start..<b].contains(where: { $0 != " " }) {
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

private func breakAllowed(before i: Int, in chars: [Character]) -> Bool {
    let prev = chars[i - 1], cur = chars[i]
    if cur == " " { return false }
    if prev == " " { return true }
    guard isCJK(prev) || isCJK(cur) else { return false }
    return !isNoStart(cur) && !isNoEnd(prev)
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
