/// Points of a loss curve: x in epochs (0 at the start of the run), and the loss there.
public struct LossCurve: Equatable, Sendable {
    public var positions: [Double] = []
    public var values: [Double] = []
}

/// The whole run as a chart sees it: where the screen is in it, and its loss curves thinned to
/// what fits (the averages come from the run's recorded losses, `RunRecord.meanLoss`).
extension Timeline {
    /// Epochs trained so far, a part-trained epoch counting as a fraction.
    public var trainedEpochs: Double { Double(live.updateCount) / Double(batchesPerEpoch) }

    /// Where the screen is, in epochs: the start of the update on screen (0 on the start screen).
    public var shownEpochs: Double { Double(position?.step ?? 0) / Double(batchesPerEpoch) }

    /// Where the mark is, in epochs.
    public var markEpochs: Double? { mark.map { Double($0.position?.step ?? 0) / Double(batchesPerEpoch) } }

    /// The batch loss of every update of the run (at the start of its update) when there are at
    /// most `maxPoints` updates; else the loss averaged per epoch, or per span of epochs when the
    /// epochs do not fit either (each point at the start of its span), and then the newest
    /// update's own loss: the curve always ends at the loss the screen and the text quote
    /// (`StepTrace.batchLoss` of that update), not at an average that includes older ones.
    /// `updates`: the first so many updates only (the newest one's loss is not shown before its
    /// loss event).
    public func lossCurve(maxPoints: Int, updates: Int? = nil) -> LossCurve {
        let updates = min(updates ?? run.count, run.count), b = batchesPerEpoch
        var curve = LossCurve()
        guard updates > 0, maxPoints > 0 else { return curve }
        if updates <= maxPoints {
            for u in 0..<updates {
                curve.positions.append(Double(u) / Double(b))
                curve.values.append(run.losses[u])
            }
            return curve
        }
        let epochs = (updates + b - 1) / b
        // one point of the budget for the newest update
        let span = max(1, (epochs + maxPoints - 2) / max(1, maxPoints - 1))
        let newest = updates - 1
        var e = 0
        while e < epochs {
            if let mean = run.meanLoss(e * b, min((e + span) * b, newest)) {
                curve.positions.append(Double(e))
                curve.values.append(mean)
            }
            e += span
        }
        curve.positions.append(Double(newest) / Double(b))
        curve.values.append(run.losses[newest])
        return curve
    }

    /// The test loss at the start of each epoch of the run, averaged per span of epochs when they
    /// do not fit in `maxPoints`.
    public func testLossCurve(maxPoints: Int) -> LossCurve {
        let tests = live.testLosses
        var curve = LossCurve()
        guard !tests.isEmpty, maxPoints > 0 else { return curve }
        let span = (tests.count + maxPoints - 1) / maxPoints
        var e = 0
        while e < tests.count {
            var sum = 0.0, n = 0
            for k in e..<min(e + span, tests.count) where tests[k].isFinite {
                sum += tests[k]
                n += 1
            }
            if n > 0 {
                curve.positions.append(Double(e))
                curve.values.append(sum / Double(n))
            }
            e += span
        }
        return curve
    }
}

extension Timeline.Target {
    /// Reads "epoch 500", "e 500", "update 12", "u 12" (and "エポック 500", "更新 12"); a number
    /// alone is an epoch. Digits may be full-width; commas and underscores between them are ignored.
    public static func parse(_ text: String) -> Timeline.Target? {
        var word = "", digits = "", seenDigit = false
        for c in text {
            if let d = c.wholeNumberValue, c.isNumber {
                digits += String(d)
                seenDigit = true
            } else if seenDigit && (c == "," || c == "_") {
                continue
            } else if seenDigit {
                return nil              // something after the number
            } else if !c.isWhitespace {
                word.append(c)
            }
        }
        guard let n = Int(digits), digits.count <= 12 else { return nil }
        switch word.lowercased() {
        case "", "e", "epoch", "epochs", "エポック": return .epoch(n)
        case "u", "update", "updates", "更新": return .update(n)
        default: return nil
        }
    }
}
