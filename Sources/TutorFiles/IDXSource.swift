/// `[data] images = "train-images-idx3-ubyte"`, `labels = "train-labels-idx1-ubyte"`: MNIST's
/// IDX files (optionally .gz) relative to the network file; pixels 0…1, labels one-hot.
enum IDXSource {
    static func read(_ r: TableReader, inputSize: Int, outputSize: Int,
                     classes given: Int?) throws(FileError) -> CSVSource.Result {
        guard r.has("images") else { throw r.error("labels", "data.labels goes with data.images (the IDX images file)") }
        guard r.has("labels") else { throw r.error("images", "data.images needs data.labels (the IDX labels file)") }
        guard case .disk = r.context.files else {
            throw r.error("images", "IDX files are read from disk, not from the lessons built into the program")
        }
        let images = try path(r, "images"), labels = try path(r, "labels")
        let samples = try IDXData.load(images: images, labels: labels)
        let pixels = samples.rows * samples.columns
        guard pixels == inputSize else {
            throw r.error("images", "\(try r.string("images")!) has images of \(samples.rows)×\(samples.columns) = \(pixels) pixels, "
                + "the input layer has \(inputSize)")
        }
        let classes = given ?? outputSize
        guard classes >= 2 else {
            throw r.error("labels", "IDX labels are class indices, one output neuron per class; the output layer has 1 neuron")
        }
        var targets: [[Double]] = []
        targets.reserveCapacity(samples.labels.count)
        for (k, label) in samples.labels.enumerated() {
            targets.append(try DataSection.oneHot(Double(label), classes: classes, subject: "the label of image \(k)") { m in
                FileError(path: labels, message: m)
            })
        }
        return CSVSource.Result(inputs: samples.pixels, targets: targets, classes: classes, headerNames: nil)
    }

    /// The file of `key`, resolved against the network file's folder; an error at the key when missing.
    private static func path(_ r: TableReader, _ key: String) throws(FileError) -> String {
        guard let file = try r.string(key) else { throw r.error(key, "data.\(key) must be a string") }
        let path = CSVSource.resolve(file, against: r.context.baseDirectory)
        guard r.context.files.exists(path) else {
            throw r.error(key, "data file \"\(file)\" not found (looked for \(path))")
        }
        return path
    }
}
