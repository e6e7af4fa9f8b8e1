import BackpropEngine
import TerminalUI
import TutorFiles

/// Screen figures: a full redraw of a 200x60 tutor screen into the cell grid, and the time from
/// loading a file to the first frame.
func screenBenchmarks(root: String, repetitions: Int) {
    for (name, path) in [("xor", "lessons/article-xor.toml"), ("digits", "benchmarks/digits-64-32-10.toml")] {
        var firstFrame: Buffer? = nil
        let startup = median(repetitions) {
            let file = load(path)
            let model = TutorModel(file: file, width: 200, height: 60, language: .en, unicode: true, theme: .default)
            firstFrame = view(model)
        }
        precondition(firstFrame?.width == 200)
        var model = TutorModel(file: load(path), width: 200, height: 60, language: .en, unicode: true, theme: .default)
        // a backward step in the middle of an update: every panel has something to draw
        update(&model, .key(.right))
        update(&model, .key(.tab))
        update(&model, .key(.tab))
        for _ in 0..<5 { update(&model, .key(.right)) }
        var frame: Buffer? = nil
        let redraw = median(repetitions * 40) { frame = view(model) }
        precondition(frame != nil)
        print(String(format: "redraw-200x60-%@ %.6f", name, redraw))
        print(String(format: "first-frame-%@ %.6f", name, startup))
    }
}
