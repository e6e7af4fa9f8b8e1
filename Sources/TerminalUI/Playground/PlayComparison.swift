import BackpropEngine

/// What compare mode trains side by side.
public enum PlayComparison: Equatable, Sendable {
    /// two or three values of one setting (`c`)
    case setting(PlayField)
    /// the compare preset (`d`): the same deep sigmoid network plain and with each cure for
    /// vanishing gradients
    case deep

    /// The setting compared, when one is.
    public var field: PlayField? {
        if case .setting(let f) = self { return f }
        return nil
    }

    /// Whether the settings panel shows `field` as "compared" (each run has its own value).
    func compares(_ field: PlayField) -> Bool {
        switch self {
        case .setting(let f): return f == field
        case .deep: return DeepVariant.comparedFields.contains(field)
        }
    }
}

/// The runs of the compare preset: one deep network, plain, and with each cure the article names.
public enum DeepVariant: CaseIterable, Sendable {
    /// sigmoid in every hidden layer: each slope is at most 0.25, so the gradient shrinks layer by layer
    case plain
    /// ReLU (He initialization): a slope of 1 wherever a neuron is active
    case relu
    /// sigmoid with every hidden layer's sums normalized over the batch: no layer saturates
    case batchNorm
    /// sigmoid with a skip around each hidden layer: the gradient also flows back unchanged
    case residual

    /// The settings of this run: the student's, with the variant's change.
    func settings(_ s: PlaySettings) -> PlaySettings {
        var s = s
        switch self {
        case .plain: (s.activation, s.residual, s.batchNorm) = (.sigmoid, false, false)
        case .relu: (s.activation, s.residual, s.batchNorm) = (.relu, false, false)
        case .batchNorm: (s.activation, s.residual, s.batchNorm) = (.sigmoid, false, true)
        case .residual: (s.activation, s.residual, s.batchNorm) = (.sigmoid, true, false)
        }
        return s
    }

    /// The settings each run sets for itself.
    static let comparedFields: [PlayField] = [.activation, .residual, .batchNorm]
}

extension PlaySettings {
    /// The compare preset's network: the spiral learnt by 10 hidden sigmoid layers of 8 neurons.
    public mutating func applyDeepPreset() {
        source = .toy(.spiral)
        hidden = [Int](repeating: 8, count: Self.deepPresetLayers)
        activation = .sigmoid
    }

    public static let deepPresetLayers = 10
}
