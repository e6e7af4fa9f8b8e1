import BackpropEngine
import Foundation

/// Reads `[data]`: inline inputs and targets, a CSV file, or MNIST's IDX images and labels; class
/// indices become one-hot rows; then the seeded test split and the scaling of the inputs.
enum DataSection {
    static let keys = ["inputs", "targets", "file", "target_column", "header", "images", "labels", "classes",
                       "class_names", "scale", "test_fraction"]

    struct Result {
        var train: Dataset
        var test: Dataset?
        var classNames: [String]?
        var classCount: Int?
    }

    static func read(_ r: TableReader, network: NetworkSpec, loss: Loss) throws(FileError) -> Result {
        let hasFile = r.has("file"), hasInline = r.has("inputs") || r.has("targets")
        let hasIDX = r.has("images") || r.has("labels")
        // one source of samples: a CSV file, IDX files or inline numbers
        let sources = [["file"], ["images", "labels"], ["inputs", "targets"]].compactMap { keys in keys.first(where: r.has) }
        if sources.count > 1 {
            throw r.error(sources[0], "data.\(sources[0]) and data.\(sources[1]) cannot both be given; use one of them")
        }
        guard hasFile || hasInline || hasIDX else {
            throw r.error("", "[data] needs inputs and targets, a file, or images and labels (IDX files)")
        }
        try r.reject("header", unless: hasFile, "with data.file")
        try r.reject("target_column", unless: hasFile, "with data.file")
        var classes = try r.integer("classes")
        if let c = classes, c < 2 { throw r.error("classes", "data.classes must be at least 2, got \(c)") }
        var names: [String]?
        if let node = r.table["class_names"] {
            var strings: [String] = []
            for item in node.arrayValue ?? [.bool(false)] {
                guard case .string(let s) = item else {
                    throw r.error("class_names", "data.class_names must be an array of strings")
                }
                strings.append(s)
            }
            names = strings
            classes = classes ?? strings.count
        }
        let inputSize = network.layerSizes[0], outputSize = network.layerSizes.last!

        var inputs: [[Double]], targets: [[Double]]
        if hasIDX {
            let idx = try IDXSource.read(r, inputSize: inputSize, outputSize: outputSize, classes: classes)
            (inputs, targets, classes) = (idx.inputs, idx.targets, idx.classes)
        } else if hasFile {
            let csv = try CSVSource.read(r, inputSize: inputSize, outputSize: outputSize, classes: classes)
            (inputs, targets) = (csv.inputs, csv.targets)
            classes = csv.classes
            if names == nil, let c = classes, csv.headerNames?.count == c { names = csv.headerNames }
        } else {
            inputs = try NumberArrays.matrix(try r.required("inputs"), "data.inputs") { k in
                r.error("inputs", element: k ?? -1, "")
            }
            guard !inputs.isEmpty else { throw r.error("inputs", "data.inputs is empty") }
            for (k, row) in inputs.enumerated() where row.count != inputSize {
                throw r.error("inputs", element: k,
                              "data.inputs[\(k)] has \(row.count) value\(row.count == 1 ? "" : "s"), the input layer has \(inputSize)")
            }
            targets = try inlineTargets(r, try r.required("targets"), classes: classes, outputs: outputSize)
            guard targets.count == inputs.count else {
                throw r.error("targets", "data.targets has \(targets.count) samples, data.inputs has \(inputs.count)")
            }
        }
        if let c = classes, c != outputSize {
            let key = r.has("classes") ? "classes" : r.has("class_names") ? "class_names" : "file"
            throw r.error(key, "there are \(c) classes, but the output layer has \(outputSize) neuron\(outputSize == 1 ? "" : "s")")
        }
        if let names, let c = classes, names.count != c {
            throw r.error("class_names", "data.class_names has \(names.count) names, but there are \(c) classes")
        }

        try Compatibility.check(targets: targets, loss: loss, r)
        let (train, test) = try Preparation.splitAndScale(r, inputs: inputs, targets: targets, classes: classes,
                                                           seed: network.seed)
        return Result(train: train, test: test, classNames: names, classCount: classes)
    }

    /// Rows of numbers, or class indices (with `classes`), or single numbers for a 1-neuron output.
    private static func inlineTargets(_ r: TableReader, _ node: TOMLNode, classes: Int?,
                                      outputs: Int) throws(FileError) -> [[Double]] {
        guard let items = node.arrayValue else { throw r.error("targets", "data.targets must be an array") }
        if items.allSatisfy({ $0.arrayValue != nil }) {
            let rows = try NumberArrays.matrix(node, "data.targets") { k in r.error("targets", element: k ?? -1, "") }
            for (k, row) in rows.enumerated() where row.count != outputs {
                throw r.error("targets", element: k,
                              "data.targets[\(k)] has \(row.count) value\(row.count == 1 ? "" : "s"), the output layer has \(outputs)")
            }
            return rows
        }
        guard items.allSatisfy({ $0.number != nil }) else {
            throw r.error("targets", "data.targets must be an array of arrays of numbers, or an array of class indices")
        }
        let values = try NumberArrays.list(node, "data.targets") { r.error("targets", "") }
        if let classes {
            var rows: [[Double]] = []
            for (k, v) in values.enumerated() {
                rows.append(try oneHot(v, classes: classes, subject: "data.targets[\(k)]") { m in
                    r.error("targets", element: k, m)
                })
            }
            return rows
        }
        guard outputs == 1 else {
            throw r.error("targets", "data.targets[0] is a single number, but the output layer has \(outputs) neurons; "
                + "give \(outputs) values per sample, or class indices with classes = \(outputs)")
        }
        return values.map { [$0] }
    }

    /// The one-hot row of a class index; `subject` names the value in messages, `fail` places them.
    static func oneHot(_ label: Double, classes: Int, subject: String,
                       fail: (String) -> FileError) throws(FileError) -> [Double] {
        guard label == label.rounded() else {
            throw fail("\(subject) must be a class index (an integer), got \(Format.number(label))")
        }
        guard label >= 0 && label < Double(classes) else {
            throw fail("\(subject) is class \(Format.number(label)), but classes = \(classes) (valid: 0...\(classes - 1))")
        }
        var row = [Double](repeating: 0, count: classes)
        row[Int(label)] = 1
        return row
    }
}
