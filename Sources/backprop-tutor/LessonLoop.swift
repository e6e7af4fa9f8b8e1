import Foundation
import TerminalBackend
import TerminalUI
import TutorFiles

/// The menu's loop: draw, read a key, update; Enter runs the chosen lesson's loop, and its
/// progress shows in the menu when it returns.
func runMenuLoop(_ terminal: Terminal, menu: inout MenuModel, catalog: LessonCourse, store: ProgressStore,
                 autoplay: Double?) {
    while !menu.quit && !terminal.interrupted {
        if terminal.theme != menu.theme { terminal.theme = menu.theme }
        terminal.draw(view(menu))
        if let key = terminal.readKey(timeoutMs: 1000) {
            if key == .resize {
                let size = terminal.size
                update(&menu, .resize(width: size.width, height: size.height))
            } else {
                update(&menu, .key(key))
            }
        }
        guard let k = menu.open else { continue }
        menu.open = nil
        let entry = menu.entries[k]
        let file: NetworkFile
        do { file = try catalog.open(entry.listing) } catch {
            menu.warnings = ["\(error)"]  // a built-in lesson always parses (EmbeddedLessonsTests)
            continue
        }
        let (saved, warnings) = store.progress(for: entry.id)
        let unicode = menu.unicode
        let made: LessonPlayer?
        do {
            made = try LessonPlayer(file: file, language: menu.language, ascii: !unicode, progress: saved)
        } catch {
            // built-in and --lessons files were checked when the menu was made; say so if not
            menu.warnings = ["\(error)"]
            continue
        }
        guard let player = made else { continue }
        let size = terminal.size
        var lesson = LessonModel(player: player, width: size.width, height: size.height, unicode: unicode,
                                 theme: menu.theme, autoplayInterval: autoplay)
        lesson.status = warnings.first?.text(menu.language)
        runLessonLoop(terminal, model: &lesson, store: store)
        menu.entries[k].progress = store.progress(for: entry.id).0 ?? lesson.player.progress
        let size2 = terminal.size
        update(&menu, .resize(width: size2.width, height: size2.height))
        if lesson.quitProgram { menu.quit = true }
    }
}

/// The lesson's loop: one owner of all input and output. Progress is saved after every change of
/// scene and every answer; a problem saving shows on the key line and never stops the lesson.
/// A terminating signal (`terminal.interrupted`) ends the loop after the iteration's save, so the
/// progress on disk is the latest before the terminal is given back and the process ends.
func runLessonLoop(_ terminal: Terminal, model: inout LessonModel, store: ProgressStore) {
    var saved = model.player.progress
    let interval = Duration.milliseconds(Int((model.autoplayInterval ?? 1) * 1000))
    var nextTick = ContinuousClock.now + interval
    while !model.quit && !terminal.interrupted {
        if terminal.theme != model.theme { terminal.theme = model.theme }
        terminal.draw(view(model))
        var timeout = 1000
        if model.autoplayRunning {
            let remaining = nextTick - ContinuousClock.now
            timeout = max(0, min(1000, Int(remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000)))
        }
        if let key = terminal.readKey(timeoutMs: timeout) {
            if key == .resize {
                let size = terminal.size
                update(&model, .resize(width: size.width, height: size.height))
            } else {
                let scene = model.player.sceneIndex
                update(&model, .key(key))
                // a scene changed by hand starts the presenter's wait afresh
                if model.player.sceneIndex != scene { nextTick = ContinuousClock.now + interval }
            }
        }
        if model.autoplayRunning {
            if ContinuousClock.now >= nextTick {
                update(&model, .tick)
                nextTick = ContinuousClock.now + interval
            }
        } else {
            nextTick = ContinuousClock.now + interval
        }
        let progress = model.player.progress
        if progress != saved {
            saved = progress
            if let warning = store.save(progress, for: model.player.lesson.id).first {
                model.status = warning.text(model.language)
            }
        }
    }
}
