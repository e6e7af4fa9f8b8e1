import TerminalUI

/// Maps theme colours to the colour numbers a terminal has. Pure, so it can be tested.
public enum ColorMapping {
    /// The ncurses colour number for `color` on a terminal with `colorCount` colours:
    /// -1 for the terminal's default; 256-colour indices approximated to the nearest of the
    /// 16 or 8 basic colours on smaller terminals (greys to white or bright black, never black); -1 for everything when there is no colour.
    public static func colorNumber(_ color: TerminalColor, colorCount: Int) -> Int16 {
        guard case .indexed(let n) = color, colorCount >= 8 else { return -1 }
        if colorCount >= 256 || Int(n) < min(colorCount, 16) { return Int16(n) }
        let limit = colorCount >= 16 ? 16 : 8
        if n < 16 { return Int16(n % 8) }
        let target = rgb(n)
        // Greys become white or bright black, never black: black text vanishes on a dark
        // background, which is what most terminals have.
        if max(target.0, target.1, target.2) - min(target.0, target.1, target.2) < 24 {
            guard limit == 16 else { return 7 }
            return target.0 < 160 ? 8 : (target.0 < 240 ? 7 : 15)
        }
        // Other colours: the nearest of the chromatic basic colours (1–6, and 9–14 when there are 16).
        var best = 1, bestDistance = Int.max
        for i in 1..<limit where i != 7 && i != 8 && i != 15 {
            let c = rgb(UInt8(i))
            let d = (c.0 - target.0) * (c.0 - target.0) + (c.1 - target.1) * (c.1 - target.1)
                + (c.2 - target.2) * (c.2 - target.2)
            if d < bestDistance { bestDistance = d; best = i }
        }
        return Int16(best)
    }

    /// The usual xterm RGB value of a 256-colour index.
    static func rgb(_ n: UInt8) -> (Int, Int, Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return basic[Int(n)] }
        if n >= 232 { let g = 8 + 10 * (Int(n) - 232); return (g, g, g) }
        let levels = [0, 95, 135, 175, 215, 255]
        let i = Int(n) - 16
        return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }
}
