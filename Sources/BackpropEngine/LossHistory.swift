/// A list of losses that only grows (one per epoch, or one per update), stored in full chunks
/// that copies share: copying a trainer after a million epochs, and appending to the copy, costs
/// one chunk, not the whole list. This is what lets the timeline keep many trainers (checkpoints,
/// the steps around the screen) of a long run.
public struct LossHistory: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// 256: a recorded step copies the trainer and appends, which copies the unfinished chunk
    /// (128 values on average, 512 with chunks of 1024); a million epochs are 3,900 chunks.
    static let chunkSize = 256
    /// Full chunks of `chunkSize` values each, never changed once full.
    private var chunks: [[Double]] = []
    /// The values after the last full chunk (fewer than `chunkSize`).
    private var tail: [Double] = []

    public init() {}

    public init(arrayLiteral values: Double...) {
        for v in values { append(v) }
    }

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { append(v) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { chunks.count &* Self.chunkSize &+ tail.count }

    public subscript(position: Int) -> Double {
        let c = position / Self.chunkSize
        return c < chunks.count ? chunks[c][position - c * Self.chunkSize] : tail[position - c * Self.chunkSize]
    }

    public mutating func append(_ value: Double) {
        if tail.isEmpty { tail.reserveCapacity(Self.chunkSize) }
        tail.append(value)
        if tail.count == Self.chunkSize {
            chunks.append(tail)
            tail = []
        }
    }

    /// The first `count` values, sharing the full chunks.
    public func prefix(count: Int) -> LossHistory {
        precondition(count >= 0 && count <= self.count)
        var out = LossHistory()
        let full = count / Self.chunkSize
        out.chunks = Array(chunks[..<Swift.min(full, chunks.count)])
        let rest = count - full * Self.chunkSize
        if rest > 0 {
            out.tail = full < chunks.count ? Array(chunks[full][..<rest]) : Array(tail[..<rest])
        }
        return out
    }

    /// Removes values from the end.
    public mutating func removeLast(_ k: Int) {
        self = prefix(count: count - k)
    }

    public static func == (a: LossHistory, b: LossHistory) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
