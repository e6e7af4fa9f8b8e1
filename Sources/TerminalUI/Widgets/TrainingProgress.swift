import EventWords

/// The one-line progress report `train` keeps redrawing on a terminal's stderr:
/// `epoch 120/1000 · loss 0.0321 · 52,300 samples/s · 0:12 left`. Pure, so it is tested as text.
public struct TrainingProgress: Sendable, Equatable {
    /// Epochs completed in this run, and asked for.
    public var epoch: Int
    public var epochs: Int
    /// The latest loss the trainer measured (nil before the first batch).
    public var loss: Double?
    /// Samples trained in this run, of all it will train, in `seconds`.
    public var samplesDone: Int
    public var samplesTotal: Int
    public var seconds: Double

    public init(epoch: Int, epochs: Int, loss: Double?, samplesDone: Int, samplesTotal: Int, seconds: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.samplesDone = samplesDone
        self.samplesTotal = samplesTotal
        self.seconds = seconds
    }

    /// Samples a second so far (nil until there is something to measure).
    public var samplesPerSecond: Double? {
        seconds > 0 && samplesDone > 0 ? Double(samplesDone) / seconds : nil
    }

    /// Seconds until the last sample, at the rate so far.
    public var secondsLeft: Double? {
        samplesPerSecond.map { Double(max(0, samplesTotal - samplesDone)) / $0 }
    }

    /// The line, cut to `width` columns so that it never wraps (a wrapped line cannot be redrawn in place).
    public func line(_ language: Language, unicode: Bool, width: Int) -> String {
        let ja = language == .ja
        var parts = [ja ? "エポック \(epoch)/\(epochs)" : "epoch \(epoch)/\(epochs)"]
        if let loss { parts.append((ja ? "損失 " : "loss ") + compactNumber(loss)) }
        if let rate = samplesPerSecond {
            let n = Self.grouped(Int(rate.rounded()))
            parts.append(ja ? "\(n) サンプル/秒" : "\(n) samples/s")
        }
        if let left = secondsLeft { parts.append(ja ? "残り " + Self.clock(left) : Self.clock(left) + " left") }
        return truncate(parts.joined(separator: unicode ? " · " : " | "), width: width, unicode: unicode)
    }

    /// 52300 → "52,300"
    static func grouped(_ n: Int) -> String {
        var digits = String(n), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// Seconds as "0:07", "12:34" or "1:02:03" (rounded up, so the last second shows as 0:01).
    static func clock(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(min(seconds, 359_999).rounded(.up)) : 0
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}
