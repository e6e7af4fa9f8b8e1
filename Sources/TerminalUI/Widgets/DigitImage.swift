/// A small grayscale image (the 8x8 digits, 0…16, or a 28x28 one with `maxValue` 255) with a
/// caption line below it, e.g. "true 3 · predicted 8" (the words come from the caller):
///
/// ```
///   ▒███▓         large: two columns per pixel, shaded ░▒▓█ (ASCII .:-=+*#%@)
///  ▓█▒ ▓█         when the area has 2·width columns and height + 1 rows;
///      ██         small: one column per pixel and two pixels per row with ▀ ▄ █
///  true 3 · predicted 8      (a pixel is on from half of maxValue; ASCII shading instead)
/// ```
/// The caption is drawn in `.positive` when the prediction is right, `.negative` when wrong and
/// `.text` when `correct` is nil.
public struct DigitImage: Widget, Sendable {
    /// Row-major, top row first, `width` × `height` values from 0 to `maxValue`.
    public var pixels: [Double]
    public var width: Int
    public var height: Int
    public var maxValue: Double
    public var caption: String
    public var correct: Bool?
    public var unicode: Bool

    public init(pixels: [Double], width: Int = 8, height: Int = 8, maxValue: Double = 16, caption: String = "",
                correct: Bool? = nil, unicode: Bool = true) {
        self.pixels = pixels
        self.width = max(0, width)
        self.height = max(0, height)
        self.maxValue = maxValue
        self.caption = caption
        self.correct = correct
        self.unicode = unicode
    }

    /// "true 3 · predicted 8" from the caller's words ("true", "predicted"); " | " in ASCII.
    public static func caption(trueWord: String, trueLabel: String, predictedWord: String,
                               predictedLabel: String?, unicode: Bool = true) -> String {
        let first = trueWord + " " + trueLabel
        guard let p = predictedLabel else { return first }
        return first + (unicode ? " · " : " | ") + predictedWord + " " + p
    }

    /// Cells the large drawing needs (image and caption).
    public var largeSize: (width: Int, height: Int) { (2 * width, height + (caption.isEmpty ? 0 : 1)) }
    /// Cells the small drawing needs (image and caption).
    public var smallSize: (width: Int, height: Int) { (width, (height + 1) / 2 + (caption.isEmpty ? 0 : 1)) }

    static let unicodeShades = [" ", "░", "▒", "▓", "█"]
    static let asciiShades = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The pixel at (x, y) from 0 to 1 (0 outside the image or for a missing value).
    func level(_ x: Int, _ y: Int) -> Double {
        guard x >= 0, x < width, y >= 0, y < height, y * width + x < pixels.count, maxValue > 0 else { return 0 }
        let v = pixels[y * width + x] / maxValue
        return v.isFinite ? min(1, max(0, v)) : 0
    }

    static func shade(_ v: Double, _ ramp: [String]) -> String {
        ramp[min(ramp.count - 1, Int((v * Double(ramp.count - 1)).rounded()))]
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let large = area.width >= largeSize.width && area.height >= largeSize.height
        let style = Style(.text)
        var imageRows = 0
        if large || !unicode {
            // ASCII always shades; when it cannot be large it uses one column per pixel and
            // averages two rows per line.
            let ramp = unicode ? Self.unicodeShades : Self.asciiShades
            let step = large ? 1 : 2, cellWidth = large ? 2 : 1
            imageRows = (height + step - 1) / step
            for r in 0..<min(imageRows, area.height) {
                for x in 0..<width {
                    let v = step == 1 ? level(x, r) : (level(x, 2 * r) + level(x, 2 * r + 1)) / 2
                    let s = Self.shade(v, ramp)
                    for k in 0..<cellWidth {
                        let cx = area.x + x * cellWidth + k
                        if cx < area.right { buffer.set(Cell(s, style: style), x: cx, y: area.y + r) }
                    }
                }
            }
        } else {
            imageRows = (height + 1) / 2
            for r in 0..<min(imageRows, area.height) {
                for x in 0..<min(width, area.width) {
                    let top = level(x, 2 * r) >= 0.5, bottom = level(x, 2 * r + 1) >= 0.5
                    let s = top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
                    buffer.set(Cell(s, style: style), x: area.x + x, y: area.y + r)
                }
            }
        }
        guard !caption.isEmpty, imageRows < area.height else { return }
        let role: ColorRole = correct.map { $0 ? .positive : .negative } ?? .text
        buffer.put(truncate(caption, width: area.width, unicode: unicode), x: area.x, y: area.y + imageRows,
                   style: Style(role), clip: area)
    }
}
