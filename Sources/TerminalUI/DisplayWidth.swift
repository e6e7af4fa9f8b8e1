/// Display width in terminal columns, computed from Unicode data in Swift (no `wcwidth`, which
/// answers -1 for everything non-ASCII in the C locale).
///
/// - East Asian Wide (W) and Fullwidth (F) characters and emoji presentation take 2 columns.
/// - Combining marks, zero-width joiners, variation selectors and other format characters take 0.
/// - Control characters take 0 (callers should not put them on screen).
/// - Everything else takes 1.
public func displayWidth(of text: String) -> Int {
    // ASCII text (most of the screen): one column per printable byte, no grapheme breaking.
    // ("\r\n" is one grapheme of width 0, and both its bytes count 0 here too.)
    var ascii = 0
    var isASCII = true
    for b in text.utf8 {
        if b >= 0x80 { isASCII = false; break }
        if b >= 0x20 && b != 0x7F { ascii += 1 }
    }
    if isASCII { return ascii }
    var total = 0
    for ch in text { total += displayWidth(of: ch) }
    return total
}

/// Width of one grapheme cluster: the width of its base, or 2 when it asks for emoji
/// presentation (U+FE0F) or joins emoji (ZWJ sequence), or is a regional-indicator flag.
public func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    var it = scalars.makeIterator()
    guard let first = it.next() else { return 0 }
    // Most characters are one scalar: skip counting and the cluster rules.
    guard it.next() != nil else { return displayWidth(of: first) }
    var width = displayWidth(of: first)
    for s in scalars.dropFirst() {
        if s.value == 0xFE0F && width == 1 { width = 2 }
        if s.value == 0x200D && width > 0 { width = 2 }
    }
    if (0x1F1E6...0x1F1FF).contains(first.value) { width = 2 }
    if width == 0 {
        // A cluster starting with a zero-width scalar (rare): use the widest scalar.
        width = scalars.map { displayWidth(of: $0) }.max() ?? 0
    }
    return width
}

/// Width of a single Unicode scalar: 0, 1 or 2.
public func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v < 0x20 ? 0 : 1 }
    // Box lines, arrows, braille, Greek, subscripts…: looked up, since the general category
    // lookup behind isZeroWidth costs more than the rest of drawing the character.
    if v < tableLimit { return Int(narrowTable[Int(v)]) }
    return measure(scalar)
}

/// The rules themselves, for scalars of 0x7F and above.
private func measure(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0xA0 { return 0 }
    if isZeroWidth(scalar) { return 0 }
    if isWide(v) { return 2 }
    return 1
}

/// Widths of the scalars below `tableLimit` (everything before the CJK blocks), made once.
private let tableLimit: UInt32 = 0x3000
private let narrowTable: [UInt8] = (0..<tableLimit).map { v in
    guard v >= 0x7F, let scalar = Unicode.Scalar(v) else { return v < 0x20 ? 0 : 1 }  // (no surrogates below 0x3000)
    return UInt8(measure(scalar))
}

private func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v == 0x00AD { return false }  // soft hyphen shows as a hyphen in terminals
    if (0x1160...0x11FF).contains(v) { return true }  // Hangul jungseong/jongseong
    if v == 0x200B { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
}

/// East Asian Width W or F (Unicode 15), plus the emoji blocks that terminals draw wide.
private func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var lo = 0, hi = wideRanges.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        let r = wideRanges[mid]
        if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
    }
    return false
}

private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
    0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
    0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
    0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
    0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
    0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
    0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
    0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
    0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
    0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0,
    0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
]
