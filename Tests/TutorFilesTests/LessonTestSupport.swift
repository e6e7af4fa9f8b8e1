import BackpropEngine
import XCTest
@testable import TutorFiles

/// A lesson on the 2-2-2 network to break in one place: the network first, then the lesson.
let lessonNetwork = """
    [network]
    layers = [2, 2, 2]
    activation = "sigmoid"
    bias = "frozen"
    weights = [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]]
    biases = [[0.35, 0.35], [0.60, 0.60]]

    [training]
    loss = "half-sse"
    reduction = "sum"
    learning_rate = 0.5

    [data]
    inputs = [[0.05, 0.10]]
    targets = [[0.01, 0.99]]

    [lesson]
    id = "test"
    title_en = "Test"
    title_ja = "テスト"

    """   // lines 1–22; the first [[scene]] added after it is on line 23

/// A scene with the given extra lines (each ends with a newline).
func scene(_ extra: String = "", narration: String = "Hello {out.o1:.4f}") -> String {
    """
    [[scene]]
    narration_en = "\(narration)"
    narration_ja = "こんにちは"
    \(extra)
    """
}

/// The 2-2-2 lesson file, parsed.
func lessonFile(_ scenes: String) throws(FileError) -> NetworkFile {
    try parse(lessonNetwork + scenes)
}

/// Every lesson file in lessons/ (files with a [lesson] table), loaded from disk.
func diskLessons() throws -> [NetworkFile] {
    let names = try FileManager.default.contentsOfDirectory(atPath: lessonsDirectory).filter { $0.hasSuffix(".toml") }.sorted()
    return try names.compactMap { name in
        let file = try NetworkFile.load(path: lessonsDirectory + "/" + name)
        return file.lesson == nil ? nil : file
    }
}
