import BackpropEngine
import EventWords
import Foundation
import TerminalBackend
import TerminalUI
import TutorFiles

/// The playground's loop: keys and snapshots in, commands out. Training runs on `PlayWorker`'s
/// thread; this thread only reads keys, updates the model and draws, so a key is answered at once.
func runPlayLoop(_ terminal: Terminal, model: inout PlayModel, language: Language) {
    let worker = PlayWorker()
    worker.replace(model.runs, generation: model.generation, speed: model.settings.speed)
    worker.start()
    defer { worker.stop() }
    let frame = Duration.milliseconds(30)
    var lastDraw = ContinuousClock.now - frame
    var dirty = true
    while !model.quit && !terminal.interrupted {
        if terminal.theme != model.theme { terminal.theme = model.theme }
        if dirty && ContinuousClock.now - lastDraw >= frame {
            terminal.draw(view(model))
            lastDraw = ContinuousClock.now
            dirty = false
        }
        var commands: [PlayCommand] = []
        if let key = terminal.readKey(timeoutMs: dirty ? 10 : 25) {
            if key == .resize {
                let size = terminal.size
                commands += update(&model, .resize(width: size.width, height: size.height))
            } else {
                commands += update(&model, .key(key))
            }
            // a key is answered with the next frame at once
            dirty = true
            lastDraw = ContinuousClock.now - frame
        }
        if let snapshot = worker.takeSnapshot() {
            commands += update(&model, .snapshot(snapshot))
            dirty = true
        }
        for command in commands {
            perform(command, worker: worker, terminal: terminal, model: &model, language: language)
        }
    }
}

private func perform(_ command: PlayCommand, worker: PlayWorker, terminal: Terminal, model: inout PlayModel,
                     language: Language) {
    switch command {
    case .restart:
        worker.replace(model.runs, generation: model.generation, speed: model.settings.speed)
        worker.setRunning(model.running)
    case .configure:
        worker.configure(model.configs, speed: model.settings.speed)
    case .setRunning(let running):
        worker.setRunning(running)
    case .trainEpoch:
        worker.trainOneEpoch()
    case .save(let path):
        let error = savePlayground(model, to: path)
        _ = update(&model, .saved(path: path, error: error))
    case .stepIn:
        let (generation, runs) = worker.pauseAndWait()
        if generation == model.generation, runs.count == model.runs.count { model.runs = runs }
        let size = terminal.size
        let made: TutorModel
        do {
            made = try TutorModel(title: model.title + " · " + model.text.stepInTitle, spec: model.currentSpec,
                                  trainer: model.main.trainer, width: size.width, height: size.height,
                                  language: language, unicode: model.unicode, theme: model.theme)
        } catch {
            // too large to step through: say why and stay in the playground
            model.status = "\(error)"
            return
        }
        var tutor = made
        runLoop(terminal, model: &tutor)
        terminal.theme = model.theme
        let after = terminal.size
        _ = update(&model, .resize(width: after.width, height: after.height))
        model.status = model.text.backFromStepIn
    }
}

/// Writes the network file and reads it back (so a file that `open` would refuse is reported
/// now). Returns what went wrong, or nil.
func savePlayground(_ model: PlayModel, to path: String) -> String? {
    if let problem = PlayFile.problem(model) { return problem }
    var dataFile: String?
    switch model.settings.source {
    case .csv(let csv, _):
        dataFile = URL(fileURLWithPath: csv).standardizedFileURL.path
    case .builtin(let set):
        let local = "lessons/data/\(set.rawValue).csv"
        if FileManager.default.fileExists(atPath: local) {
            dataFile = URL(fileURLWithPath: local).standardizedFileURL.path
        } else {
            // a copy of the built-in data beside the saved file
            let folder = (path as NSString).deletingLastPathComponent
            let copy = (folder.isEmpty ? "" : folder + "/") + "\(set.rawValue).csv"
            if !FileManager.default.fileExists(atPath: copy) {
                do {
                    try (BuiltinLessons.text("data/\(set.rawValue).csv") ?? "").write(toFile: copy, atomically: true, encoding: .utf8)
                } catch { return model.text.cannotWrite(copy, error.localizedDescription) }
            }
            dataFile = "\(set.rawValue).csv"
        }
    case .toy, .idx:
        break  // IDX paths are absolute already (PlayCommand)
    }
    do {
        try PlayFile.text(model, dataFile: dataFile).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        return error.localizedDescription
    }
    do {
        _ = try NetworkFile.load(path: path)
    } catch {
        return model.text.doesNotLoad("\(error)")
    }
    return nil
}
