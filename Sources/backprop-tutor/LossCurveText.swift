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
        // the second curve (test loss) dotted, so that the two differ without colour
        var chart = LossChart(series: series.enumerated().map { k, s in
            LossChart.Series(name: s.name, values: s.values, role: roles[k % roles.count], dotted: k == 1)
        }, logScale: shouldUseLog(series), unicode: !ascii, xLabel: xLabel, emptyText: emptyText)
        chart.xMin = 1   // value k is epoch k + 1's, as "loss in epoch 1" below says
        chart.render(into: &buffer, area: buffer.area)
        return buffer.lines
    }

    /// Log scale when the loss falls over more than two decades.
    static func shouldUseLog(_ series: [Series]) -> Bool {
        // one pass, no copy: `train` of 200,000 epochs passes 200,000 losses
        var lo = Double.infinity, hi = 0.0
        for s in series {
            for v in s.values where v.isFinite && v > 0 {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        return lo <= hi && hi / lo > 100
    }
}
