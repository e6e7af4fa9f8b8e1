import TerminalUI

/// The loss curve as plain text lines (the screen's chart widget, drawn into a grid and printed).
enum LossCurveText {
    struct Series {
        var name: String
        var values: [Double]
    }

    static func render(series: [Series], width: Int, height: Int, ascii: Bool,
                       xLabel: String = "epoch", emptyText: String = "no data") -> [String] {
        var buffer = Buffer(width: width, height: height)
        let roles: [ColorRole] = [.accent, .warning]
        let chart = LossChart(series: series.enumerated().map { k, s in
            LossChart.Series(name: s.name, values: s.values, role: roles[k % roles.count])
        }, logScale: shouldUseLog(series), unicode: !ascii, xLabel: xLabel, emptyText: emptyText)
        chart.render(into: &buffer, area: buffer.area)
        return buffer.lines
    }

    /// Log scale when the loss falls over more than two decades.
    static func shouldUseLog(_ series: [Series]) -> Bool {
        let values = series.flatMap(\.values).filter { $0.isFinite && $0 > 0 }
        guard let lo = values.min(), let hi = values.max() else { return false }
        return hi / lo > 100
    }
}
