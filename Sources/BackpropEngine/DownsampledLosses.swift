/// A loss curve of a run of any length in bounded memory: at most `capacity` points, each the
/// mean loss of a span of epochs. When the points fill up, neighbours are merged in pairs and
/// the span doubles, so the curve always covers the whole run (from epoch 0 to the last one) at
/// an even resolution. The playground keeps one per curve instead of every epoch's loss (which
/// grew by 8 bytes per epoch per curve, about 200 MB an hour at its training rate).
public struct DownsampledLosses: Equatable, Sendable {
    /// Most points kept (even, at least 2).
    public let capacity: Int
    /// Epochs per point (a power of 2).
    public private(set) var span = 1
    /// Mean loss of each full span: point k covers epochs k·span ..< (k+1)·span.
    private var means: [Double] = []
    /// The span under way: the sum and number of its losses.
    private var partialSum = 0.0
    private var partialCount = 0
    /// Losses appended in all.
    public private(set) var count = 0
    /// The newest loss appended.
    public private(set) var last: Double?

    public init(capacity: Int = 1024) {
        self.capacity = max(2, capacity + capacity % 2)
        means.reserveCapacity(self.capacity)
    }

    public mutating func append(_ loss: Double) {
        count += 1
        last = loss
        partialSum += loss
        partialCount += 1
        guard partialCount == span else { return }
        means.append(partialSum / Double(span))
        partialSum = 0
        partialCount = 0
        if means.count == capacity {
            // two spans of equal length: the mean of their means is the mean of both
            means = stride(from: 0, to: capacity, by: 2).map { (means[$0] + means[$0 + 1]) / 2 }
            span *= 2
        }
    }

    public mutating func append<S: Sequence>(contentsOf losses: S) where S.Element == Double {
        for loss in losses { append(loss) }
    }

    /// Points stored (the span under way is the last, when it has begun): at most `capacity`.
    public var pointCount: Int { means.count + (partialCount > 0 ? 1 : 0) }

    /// The points: x is the first epoch of each span (0 = the first epoch), y its mean loss.
    public var curve: LossCurve {
        var out = LossCurve()
        out.positions = means.indices.map { Double($0 * span) }
        out.values = means
        if partialCount > 0 {
            out.positions.append(Double(means.count * span))
            out.values.append(partialSum / Double(partialCount))
        }
        return out
    }
}
