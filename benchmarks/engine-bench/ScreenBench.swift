import BackpropEngine
import Foundation
import TerminalUI
import TutorFiles

/// Screen figures: a full redraw of a 200x60 tutor screen into the cell grid, and the time from
/// loading a file to the first frame.
func screenBenchmarks(root: String, repetitions: Int) {
    for (name, path) in [("xor", "lessons/article-xor.toml"), ("digits", "benchmarks/digits-64-32-10.toml")] {
        var firstFrame: Buffer? = nil
        let startup = median(repetitions) {
            let file = load(path)
            let model = tutor(file)
            firstFrame = view(model)
        }
        precondition(firstFrame?.width == 200)
        var model = tutor(load(path))
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
        // a long run: trained on (xor 10,000 epochs, digits 100), a mark, then back in the middle;
        // the run bar and the loss curve over the whole run, the weights' change since the mark
        let epochs = name == "xor" ? 10_000 : 100
        for key in [Key.character("e")] + String(epochs).map({ Key.character($0) }) + [.enter, .character("m")] {
            update(&model, .key(key))
        }
        for key in [Key.character("G")] + "epoch \(epochs / 2)".map({ Key.character($0) }) + [.enter, .right, .right] {
            update(&model, .key(key))
        }
        precondition(model.timeline.mark != nil && model.timeline.trainedEpochs >= Double(epochs))
        let trained = median(repetitions * 40) { frame = view(model) }
        print(String(format: "redraw-200x60-%@-trained %.6f", name, trained))
    }
}

func tutor(_ file: NetworkFile) -> TutorModel {
    do { return try TutorModel(file: file, width: 200, height: 60, language: .en, unicode: true, theme: .default) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
}
