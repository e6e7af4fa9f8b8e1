/// A histogram of each layer's weights, one column per bin, bar heights in eighths
/// (`▁▂▃▄▅▆▇█`; ASCII `.:+#`):
///
/// ```
/// layer 1    ▁▂▅█▇▄▂▁
/// layer 2  ▁▁▂▃▅▇█▆▄▂▁▁
///        -0.84    0    0.84
/// ```
/// Bins span −m…m, m the largest |w| of all layers (`sharedRange`, shown on a line below) or of
/// each layer (then shown as "±m" after its row). Each layer's tallest bin fills its rows; a
/// non-empty bin is never drawn empty. When the area has spare rows, each layer gets up to
/// `maxRowsPerLayer` rows.
public struct WeightHistogram: Widget, Sendable {
    public struct Layer: Sendable, Equatable {
        public var label: String
        public var values: [Double]
        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public var layers: [Layer]
    /// Bins per histogram; nil for one per available column.
    public var bins: Int?
    public var sharedRange: Bool
    public var maxRowsPerLayer: Int
    public var unicode: Bool

    public init(layers: [Layer], bins: Int? = nil, sharedRange: Bool = true, maxRowsPerLayer: Int = 3,
                unicode: Bool = true) {
        self.layers = layers
        self.bins = bins
        self.sharedRange = sharedRange
        self.maxRowsPerLayer = max(1, maxRowsPerLayer)
        self.unicode = unicode
    }

    /// `(label, weights)` pairs, e.g. from `network.weights` (one flat array per layer).
    public init(_ layers: [(String, [Double])], bins: Int? = nil, unicode: Bool = true) {
        self.init(layers: layers.map { Layer(label: $0.0, values: $0.1) }, bins: bins, unicode: unicode)
    }

    /// The largest |w| (finite values only), or 1 when there is none.
    static func extent(_ values: [Double]) -> Double {
        let m = values.lazy.filter(\.isFinite).map(abs).max() ?? 0
        return m > 0 ? m : 1
    }

    /// Counts per bin over −m…m (non-finite values skipped).
    public static func histogram(_ values: [Double], bins: Int, extent m: Double) -> [Int] {
        guard bins > 0 else { return [] }
        var counts = [Int](repeating: 0, count: bins)
        for v in values where v.isFinite {
            let i = Int(((v + m) / (2 * m) * Double(bins)).rounded(.down))
            counts[min(bins - 1, max(0, i))] += 1
        }
        return counts
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !layers.isEmpty else { return }
        let shared = Self.extent(layers.flatMap(\.values))
        let extents = layers.map { sharedRange ? shared : Self.extent($0.values) }
        let rightTexts = sharedRange ? [] : extents.map { (unicode ? "±" : "+-") + compactNumber($0) }
        let rightWidth = rightTexts.map { displayWidth(of: $0) + 1 }.max() ?? 0
        let labelWidth = layers.map { displayWidth(of: $0.label) }.max() ?? 0
        let plotX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let available = max(0, area.right - plotX - rightWidth)
        let binCount = min(available, bins ?? available)
        guard binCount > 0 else { return }
        let axisRows = sharedRange && area.height > layers.count ? 1 : 0
        let rowsPerLayer = max(1, min(maxRowsPerLayer, (area.height - axisRows) / layers.count))
        let blocks = unicode ? ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["", ".", ".", ":", ":", "+", "+", "#", "#"]
        for (k, layer) in layers.enumerated() {
            let top = area.y + k * rowsPerLayer
            guard top + rowsPerLayer <= area.bottom else { break }
            let baseline = top + rowsPerLayer - 1
            buffer.put(layer.label, x: area.x, y: baseline, style: Style(.dim), clip: area)
            let counts = Self.histogram(layer.values, bins: binCount, extent: extents[k])
            let peak = counts.max() ?? 0
            for (b, count) in counts.enumerated() where count > 0 && peak > 0 {
                let units = max(1, Int((Double(count) / Double(peak) * Double(rowsPerLayer * 8)).rounded()))
                for r in 0..<rowsPerLayer {
                    let level = min(8, units - r * 8)
                    guard level > 0 else { break }
                    buffer.put(blocks[level], x: plotX + b, y: baseline - r, style: Style(.accent), clip: area)
                }
            }
            if !sharedRange {
                buffer.put(rightTexts[k], x: plotX + binCount + 1, y: baseline, style: Style(.dim), clip: area)
            }
        }
        // the shared scale: −m at the left, 0 in the middle, m at the right
        let y = area.y + layers.count * rowsPerLayer
        guard axisRows == 1, y < area.bottom else { return }
        let row = Rect(x: plotX, y: y, width: binCount, height: 1)
        let lo = compactNumber(-shared), hi = compactNumber(shared)
        let hiX = row.right - displayWidth(of: hi)
        buffer.put(lo, x: plotX, y: y, style: Style(.dim), clip: row)
        if hiX > plotX + displayWidth(of: lo) { buffer.put(hi, x: hiX, y: y, style: Style(.dim), clip: row) }
        let zeroX = plotX + binCount / 2
        if zeroX > plotX + displayWidth(of: lo), zeroX + 1 < hiX {
            buffer.put("0", x: zeroX, y: y, style: Style(.dim), clip: row)
        }
    }
}
