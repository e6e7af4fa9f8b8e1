import BackpropEngine
import NetworkNaming

/// The words for one event: a title, a sentence for a student, and formula lines with the
/// numbers substituted.
public struct EventText: Sendable, Equatable {
    public var title: String
    public var sentence: String
    /// One or more lines.
    public var formula: [String]

    public init(title: String, sentence: String, formula: [String]) {
        self.title = title
        self.sentence = sentence
        self.formula = formula
    }
}

/// Turns the recorded events of a training step into words, in English or Japanese.
/// Every number comes from the event; this only writes it down.
public struct EventWords: Sendable {
    public let language: Language
    public let ascii: Bool
    public let digits: Int
    /// Formula lines longer than this continue on the next line (at a "=").
    public var width: Int = 80
    public let notation: Notation
    let symbols: Symbols
    let numbers: NumberFormat
    let wording: any Wording
    let layerSizes: [Int]
    let outputActivation: Activation
    let leakySlope: Double
    /// Neuron layers a skip connection leads into.
    let residualTargets: Set<Int>

    /// `naming`: the names of the network's neurons and parameters; give `NetworkNaming(trainer:)`
    /// when the data has classes (the outputs are then ŷ₀, ŷ₁…), by default the network's own.
    public init(network: Network, language: Language, ascii: Bool = false, digits: Int = 4,
                naming: NetworkNaming? = nil) {
        self.language = language
        self.ascii = ascii
        self.digits = max(0, digits)
        notation = Notation(naming: naming ?? NetworkNaming(network: network), ascii: ascii,
                            normalizedLayers: Set(network.batchNormLayers))
        symbols = Symbols.table(ascii: ascii)
        numbers = NumberFormat(digits: max(0, digits), symbols: symbols)
        wording = language.wording
        layerSizes = network.layerSizes
        outputActivation = network.activations[network.activations.count - 1]
        leakySlope = network.leakySlope
        residualTargets = Set(network.residual.map(\.to))
    }

    /// Title, sentence and formula (long sums shortened to fit about `width` columns).
    public func text(for event: StepEvent) -> EventText {
        let (title, sentence) = phrases(for: event)
        return EventText(title: say(title), sentence: say(sentence), formula: formulas(shorten: true).lines(for: event))
    }

    /// The formula with every term of every sum written out.
    public func fullFormula(for event: StepEvent) -> [String] {
        formulas(shorten: false).lines(for: event)
    }

    public func name(of neuron: NeuronRef) -> String { notation.name(of: neuron) }
    public func name(of parameter: ParameterRef) -> String { notation.name(of: parameter) }

    /// FORWARD · LOSS · BACKWARD · UPDATE, or 順伝播 · 損失 · 逆伝播 · 更新
    public func phaseName(_ phase: StepEvent.Phase) -> String { say(.phase(phase)) }

    /// "sample 2" / "サンプル 2" for position `index` (from 0) of the batch.
    public func sampleName(_ index: Int) -> String { say(.sample(index)) }

    public func activationName(_ f: Activation) -> String { say(.activationName(f)) }
    public func lossName(_ loss: Loss) -> String { say(.lossName(loss)) }
    public func optimizerName(_ optimizer: Optimizer) -> String { say(.optimizerName(optimizer)) }

    /// `digits` decimals and a real minus sign; scientific for values the decimals would hide;
    /// "NaN", "∞" / "−∞" ("inf" / "-inf" in ASCII).
    public func format(_ value: Double) -> String { numbers.fixed(value) }

    func say(_ phrase: Phrase) -> String { wording.say(phrase, symbols) }

    func formulas(shorten: Bool) -> Formulas {
        Formulas(notation: notation, s: symbols, num: numbers,
                 layout: FormulaLayout(width: width, shorten: shorten, ellipsis: symbols.ellipsis,
                                       assign: symbols.assign),
                 outputCount: layerSizes[layerSizes.count - 1], outputActivation: outputActivation,
                 leakySlope: leakySlope, residualTargets: residualTargets)
    }
}
