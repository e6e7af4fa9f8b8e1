import Foundation
import TutorFiles

/// Every answer of a lesson's worksheet as the sheet could print it, so that none is printed:
/// on paper the whole sheet is in view, so a number that answers a question (or gives its sign
/// or its choice away) is left as a blank wherever a narration would quote it.
struct WorksheetAnswers {
    /// Spellings to blank out: at the quiz's precision and at four decimals, either minus sign.
    private(set) var spellings: Set<String> = []

    static let blank = "______"

    /// The answers of every quiz of the lesson (the player is moved to each quiz scene in turn).
    init(player: LessonPlayer) {
        var player = player
        for k in player.lesson.scenes.indices {
            player.go(to: k)
            guard let quiz = player.scene.quiz, let value = player.expectedValue, value.isFinite else { continue }
            spellings.formUnion(Self.spellings(value, quiz, player))
        }
    }

    /// The value at the precisions a sheet shows, minus the ones the data or the network print
    /// anyway (an input that happens to equal an answer stays) and the ones that round to zero.
    static func spellings(_ value: Double, _ quiz: Quiz, _ player: LessonPlayer) -> Set<String> {
        var formats = [ValueFormat.standard]
        if quiz.kind == .number { formats.append(quiz.format) }
        var out: Set<String> = []
        for f in formats {
            let text = f.format(value, ascii: false)
            out.insert(text)
            out.insert(text.replacingOccurrences(of: "−", with: "-"))
            // a number to predict is given away without its sign too; a sign question is not
            if quiz.kind == .number { out.insert(f.format(abs(value), ascii: false)) }
        }
        let file = player.file, net = player.sceneTimeline.shownTrainer.network
        var world = quiz.given.compactMap { player.value(of: $0) }
        world += file.data.inputs.flatMap { $0 } + file.data.targets.flatMap { $0 } + [file.training.learningRate]
        world += net.parameterRefs.map { net.value(of: $0) }
        let shown = Set(world.filter { abs(abs($0) - abs(value)) < 0.01 }.flatMap { v in
            formats.flatMap { f in [f.format(v, ascii: false), f.format(abs(v), ascii: false)] }
        })
        return out.filter { !["0.0000", "−0.0000", "-0.0000", "0", "0.00", "−0.00"].contains($0) && !shown.contains($0) }
    }

    /// The text with every answer replaced by a blank to fill in. Only whole numbers match
    /// (0.08 is not the start of 0.0822); a minus before a blanked number stays.
    func blanked(_ text: String) -> String {
        var out = text
        // longest first, so that −0.0887 is blanked before 0.0887 could be
        for s in spellings.sorted(by: { $0.count > $1.count }) { out = Self.replace(s, in: out) }
        return out
    }

    static func replace(_ number: String, in text: String) -> String {
        var out = "", rest = Substring(text)
        while let r = rest.range(of: number) {
            let before = rest[..<r.lowerBound].last ?? out.last
            let after = rest[r.upperBound...].first
            let joinedBefore = before.map { $0.isNumber || $0 == "." } ?? false
            let joinedAfter = after.map { $0.isNumber } ?? false
            out += rest[..<r.lowerBound]
            out += joinedBefore || joinedAfter ? number : blank
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
