/// Reads `compare` and `compare_epochs` of `[lesson]` (see lessons/FORMAT.md, "Comparing runs").
///
/// Each variant is the lesson's `[network]` and `[training]` with some keys replaced, read again by
/// the same readers, so it is checked exactly like a file; the data stay the lesson's.
enum CompareSection {
    static let networkKeys = ["seed", "activation", "output_activation", "leaky_slope", "init", "init_range", "residual",
                              "batch_norm"]
    static let trainingKeys = ["optimizer", "learning_rate", "momentum", "beta1", "beta2", "epsilon", "batch_size",
                               "shuffle", "clip_norm", "weight_decay"]
    static let variantKeys = ["name", "label_en", "label_ja"] + networkKeys + trainingKeys
    /// Keys that only make sense with another key's value: dropped from the lesson's table when a
    /// variant changes that key (and does not give them itself).
    static let dependents: [String: [String]] = [
        "optimizer": ["momentum", "beta1", "beta2", "epsilon"],
        "init": ["init_range"],
        "activation": ["leaky_slope"],
        "output_activation": ["leaky_slope"],
    ]

    static func read(_ lesson: TableReader, network: TableReader, training: TableReader?) throws(FileError) -> ComparisonSpec? {
        let epochs = try lesson.integer("compare_epochs")
        guard let node = lesson.table["compare"] else {
            if epochs != nil { throw lesson.error("compare_epochs", "lesson.compare_epochs is only used with a compare list") }
            return nil
        }
        guard let items = node.arrayValue, !items.isEmpty, items.allSatisfy({ $0.tableValue != nil }) else {
            throw lesson.error("compare", "lesson.compare must be a list of runs, e.g. "
                + "compare = [{ name = \"sgd\", optimizer = \"sgd\" }, { name = \"adam\", optimizer = \"adam\" }]")
        }
        var variants: [ComparisonSpec.Variant] = []
        for (k, item) in items.enumerated() {
            let r = try TableReader(lesson.path("compare"), item.tableValue!, known: variantKeys, context: lesson.context,
                                    label: " in lesson.compare[\(k)]")
            func fail(_ message: String) -> FileError { lesson.error("compare", element: k, message) }
            guard let name = try r.string("name") else { throw fail("lesson.compare[\(k)] needs a name, e.g. name = \"adam\"") }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw fail("lesson.compare[\(k)]: name must be lowercase letters, digits and -, got \"\(name)\"")
            }
            guard !variants.contains(where: { $0.name == name }) else { throw fail("lesson.compare: two runs are named \"\(name)\"") }
            let en = try r.string("label_en"), ja = try r.string("label_ja")
            guard (en == nil) == (ja == nil) else {
                throw fail("compare \"\(name)\": label_en and label_ja go together; every text is written in English and Japanese")
            }
            do {
                let net = try TableReader("network", merged(network.table, item.tableValue!, networkKeys), known: NetworkSection.keys,
                                          context: lesson.context)
                let spec = try NetworkSection.read(net)
                let train = try TableReader("training", merged(training?.table ?? [:], item.tableValue!, trainingKeys),
                                            known: TrainingSection.keys, context: lesson.context)
                let config = try TrainingSection.read(train, network: spec)
                try Compatibility.check(spec, config, context: lesson.context)
                variants.append(.init(name: name, label: en.map { Localized(en: $0, ja: ja!) }, network: spec, training: config))
            } catch {
                throw fail("compare \"\(name)\": \(error.message)")
            }
        }
        if let e = epochs, e < 1 { throw lesson.error("compare_epochs", "lesson.compare_epochs must be at least 1, got \(e)") }
        return ComparisonSpec(variants: variants, epochs: epochs ?? variants[0].training.epochs)
    }

    /// The lesson's table with the variant's keys (of `keys`) put in.
    private static func merged(_ base: [String: TOMLNode], _ variant: [String: TOMLNode], _ keys: [String]) -> [String: TOMLNode] {
        var out = base
        for key in keys {
            guard let value = variant[key] else { continue }
            for dependent in dependents[key] ?? [] where variant[dependent] == nil { out[dependent] = nil }
            out[key] = value
        }
        return out
    }
}
