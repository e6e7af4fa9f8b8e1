#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size of each layer's gradient (e.g. its L2 norm or mean |g|) as a horizontal bar on a
/// log scale, so vanishing and exploding gradients stand out:
///
/// ```
/// layer 1 ██▋     ┊                 3.2e-7 vanishing
/// layer 2 ████████┊█████▍           0.0123
/// layer 3 ████████┊█████████████████ 512 exploding
///         1e-8    1e-5            1e2
/// ```
/// A bar grows from `range.lowerBound` to `range.upperBound` (log10), in eighths of a cell
/// (`#` whole cells in ASCII). Values below `vanishingBelow` (zero included) and above
/// `explodingAbove` (and NaN, infinity) are drawn in `.warning` with the caller's words for
/// them; other bars are `.accent`. A dim `┊` (ASCII `|`) marks where vanishing starts.
///
/// More bars than rows (a deep network on a short screen) wrap into columns side by side, each
/// with the bars' short labels and short values ("3e-8"), the notes left to the colour.
public struct GradientBars: Widget, Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        /// The label when the bars wrap into columns ("1" for "layer 1"); nil: `label`.
        public var shortLabel: String?
        /// Drawn as "?" with no bar (a quiz asks about it and is not answered yet).
        public var hidden: Bool
        public init(label: String, value: Double, shortLabel: String? = nil, hidden: Bool = false) {
            self.label = label
            self.value = value
            self.shortLabel = shortLabel
            self.hidden = hidden
        }
    }

    public var bars: [Bar]
    public var range: ClosedRange<Double>
    public var vanishingBelow: Double
    public var explodingAbove: Double
    public var vanishingText: String
    public var explodingText: String
    /// The scale (range ends and the vanishing threshold) on a line below the bars, when there is room.
    public var showScale: Bool
    /// Values as "3e-8" and "0.02" (one or two digits) instead of "3.21e-8" and "0.0229".
    public var shortValues = false
    /// The narrowest track that keeps the labels (narrower: bars and values only).
    var minimumTrack = 4
    public var unicode: Bool

    public init(bars: [Bar], range: ClosedRange<Double> = 1e-8...1e2, vanishingBelow: Double = 1e-5,
                explodingAbove: Double = 1e2, vanishingText: String = "vanishing",
                explodingText: String = "exploding", showScale: Bool = true, unicode: Bool = true) {
        self.bars = bars
        self.range = range
        self.vanishingBelow = vanishingBelow
        self.explodingAbove = explodingAbove
        self.vanishingText = vanishingText
        self.explodingText = explodingText
        self.showScale = showScale
        self.unicode = unicode
    }

    /// `(label, value)` pairs, e.g. `[("layer 1", 3e-7), ("layer 2", 0.01)]`.
    public init(_ bars: [(String, Double)], unicode: Bool = true) {
        self.init(bars: bars.map { Bar(label: $0.0, value: $0.1) }, unicode: unicode)
    }

    /// `base` widened downwards so that the smallest positive value sits at least a decade above
    /// the left end: a 1e-8 gradient still draws a bar beside a 1.
    public static func range(covering values: [Double], base: ClosedRange<Double> = 1e-8...1e2) -> ClosedRange<Double> {
        guard let smallest = values.filter({ $0.isFinite && $0 > 0 }).min() else { return base }
        let decade = max(-300, log10(smallest).rounded(.down) - 1)
        return min(base.lowerBound, pow(10, decade))...base.upperBound
    }

    public enum Health: Sendable, Equatable { case normal, vanishing, exploding }

    public func health(of value: Double) -> Health {
        if !value.isFinite || value > explodingAbove { return .exploding }
        if abs(value) < vanishingBelow { return .vanishing }
        return .normal
    }

    /// Where `value` sits on the log scale, 0…1 (0 for zero and negative values and NaN).
    public func fraction(_ value: Double) -> Double {
        if value.isNaN { return 0 }
        let v = abs(value)
        if v.isInfinite { return 1 }
        guard v > 0, range.lowerBound > 0, range.upperBound > range.lowerBound else { return 0 }
        let lo = log10(range.lowerBound), hi = log10(range.upperBound)
        return min(1, max(0, (log10(v) - lo) / (hi - lo)))
    }

    /// "1e-8" for a power of ten, else the compact number.
    static func scaleLabel(_ v: Double) -> String {
        guard v > 0 else { return compactNumber(v) }
        let e = log10(v).rounded()
        return abs(pow(10, e) - v) <= 1e-9 * v ? "1e" + String(Int(e)) : compactNumber(v)
    }

    /// One or two significant digits: 3e-8, 0.02, 2.5, 512, 1e5.
    public static func shortNumber(_ v: Double) -> String {
        let a = abs(v)
        guard v.isFinite, a > 0 else { return compactNumber(v) }
        if a >= 0.01 && a < 1000 {
            let digits = a >= 10 ? 0 : a >= 1 ? 1 : a >= 0.1 ? 2 : 3
            let text = fixed(a, decimals: a < 0.1 ? 2 : digits)
            return (v < 0 ? "-" : "") + text
        }
        var exponent = Int(log10(a).rounded(.down))
        var mantissa = (a / pow(10, Double(exponent))).rounded()
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return (v < 0 ? "-" : "") + String(Int(mantissa)) + "e" + String(exponent)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !bars.isEmpty else { return }
        if bars.count > area.height && area.height > 0 {
            renderColumns(into: &buffer, area: area)
            return
        }
        let labelWidth = bars.map { displayWidth(of: $0.label) }.max() ?? 0
        let valueTexts = bars.map { $0.hidden ? "?" : shortValues ? Self.shortNumber($0.value) : compactNumber($0.value) }
        let valueWidth = valueTexts.map { displayWidth(of: $0) }.max() ?? 0
        let notes = bars.map { bar -> String in
            if bar.hidden { return "" }
            switch health(of: bar.value) {
            case .normal: return ""
            case .vanishing: return vanishingText
            case .exploding: return explodingText
            }
        }
        let noteWidth = notes.map { displayWidth(of: $0) }.max() ?? 0
        var trackX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        var trackWidth = area.right - trackX - 1 - valueWidth - (noteWidth > 0 ? noteWidth + 1 : 0)
        let showNotes = trackWidth >= 8 || noteWidth == 0
        if !showNotes { trackWidth = area.right - trackX - 1 - valueWidth }
        if trackWidth < minimumTrack {  // too narrow for labels: bars and values only
            trackX = area.x
            trackWidth = max(0, area.width - 1 - valueWidth)
        }
        let thresholdColumn = Int((fraction(vanishingBelow) * Double(trackWidth)).rounded(.down))
        let eighths = unicode ? ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] : ["", "", "", "", "", "", "", ""]
        let full = unicode ? "█" : "#"
        for (k, bar) in bars.enumerated() {
            let y = area.y + k
            guard y < area.bottom else { break }
            if trackX > area.x {
                buffer.put(bar.label, x: area.x, y: y, style: Style(.dim), clip: area)
            }
            let health = health(of: bar.value)
            let role: ColorRole = health == .normal ? .accent : .warning
            let units = bar.hidden ? 0 : Int((fraction(bar.value) * Double(trackWidth) * 8).rounded())
            let whole = units / 8, part = units % 8
            for c in 0..<trackWidth {
                let x = trackX + c
                if c < whole {
                    buffer.put(full, x: x, y: y, style: Style(role), clip: area)
                } else if c == whole && part > 0 && !eighths[part].isEmpty {
                    buffer.put(eighths[part], x: x, y: y, style: Style(role), clip: area)
                } else if c == thresholdColumn && thresholdColumn > 0 {
                    buffer.put(unicode ? "┊" : "|", x: x, y: y, style: Style(.dim), clip: area)
                }
            }
            var x = trackX + trackWidth + 1
            x = buffer.put(valueTexts[k], x: x, y: y, style: Style(health == .normal || bar.hidden ? .text : .warning), clip: area)
            if showNotes, !notes[k].isEmpty {
                buffer.put(notes[k], x: x + 1, y: y, style: Style(.warning), clip: area)
            }
        }
        // the scale under the tracks
        let y = area.y + bars.count
        guard showScale, y < area.bottom, trackWidth >= 8 else { return }
        let row = Rect(x: trackX, y: y, width: trackWidth, height: 1)
        let lo = Self.scaleLabel(range.lowerBound), hi = Self.scaleLabel(range.upperBound)
        let mid = Self.scaleLabel(vanishingBelow)
        buffer.put(lo, x: trackX, y: y, style: Style(.dim), clip: row)
        let hiX = row.right - displayWidth(of: hi)
        buffer.put(hi, x: hiX, y: y, style: Style(.dim), clip: row)
        let midX = trackX + thresholdColumn
        if midX > trackX + displayWidth(of: lo), midX + displayWidth(of: mid) < hiX {
            buffer.put(mid, x: midX, y: y, style: Style(.dim), clip: row)
        }
    }

    /// The bars in as many columns as the rows need, two cells apart, on one shared scale.
    private func renderColumns(into buffer: inout Buffer, area: Rect) {
        let perColumn = area.height
        let columns = (bars.count + perColumn - 1) / perColumn
        let gap = 2
        let width = (area.width - gap * (columns - 1)) / columns
        guard width >= 4 else { return }
        for c in 0..<columns {
            var column = self
            column.bars = bars[(c * perColumn)..<min(bars.count, (c + 1) * perColumn)].map {
                Bar(label: $0.shortLabel ?? $0.label, value: $0.value, hidden: $0.hidden)
            }
            column.showScale = false
            column.shortValues = true
            column.minimumTrack = 2
            column.vanishingText = ""
            column.explodingText = ""
            column.render(into: &buffer, area: Rect(x: area.x + c * (width + gap), y: area.y, width: width, height: area.height))
        }
    }
}
