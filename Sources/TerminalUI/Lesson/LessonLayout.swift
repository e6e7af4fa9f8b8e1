import TutorFiles

/// The lesson screen's body (between the title and the key line) for this model's screen.
func lessonBody(_ model: LessonModel) -> Rect {
    Rect(width: model.width, height: model.height).rows([.length(1), .fill, .length(1)])[1]
}

/// Where the focus, the narration and the quiz go on this model's screen.
func lessonAreas(_ model: LessonModel, body: Rect? = nil) -> (focus: Rect, narration: Rect, quiz: Rect?) {
    let body = body ?? lessonBody(model)
    let plan = model.plan(for: body)
    return lessonLayout(body, hasQuiz: model.player.scene.quiz != nil, focusHeight: plan.focusHeight, quizWidth: plan.quizWidth)
}

/// Wide screens: narration (over the quiz) on the left, the focus on the right. Narrower ones:
/// the focus across the top (`focusHeight` rows), narration and quiz (`quizWidth` columns) side
/// by side below it; both the same on every scene of a lesson.
func lessonLayout(_ area: Rect, hasQuiz: Bool, focusHeight: Int, quizWidth: Int) -> (focus: Rect, narration: Rect, quiz: Rect?) {
    if area.width >= 110 {
        let columns = area.columns([.length(area.width * 9 / 20), .fill])
        guard hasQuiz else { return (columns[1], columns[0], nil) }
        let left = columns[0].rows([.fill, .length(max(12, columns[0].height * 11 / 20))])
        return (columns[1], left[0], left[1])
    }
    let rows = area.rows([.length(focusHeight), .fill])
    guard hasQuiz else { return (rows[0], rows[1], nil) }
    let bottom = rows[1].columns([.fill, .length(quizWidth)])
    return (rows[0], bottom[0], bottom[1])
}

/// The quiz box's narrowest width below the focus on narrower screens.
func lessonQuizWidth(_ width: Int) -> Int { max(36, width * 9 / 20) }

/// A lesson's layout on narrower screens, planned once for all its scenes.
struct LessonPlan: Equatable {
    /// The focus's rows.
    var focusHeight: Int
    /// The quiz box's columns.
    var quizWidth: Int
}

/// The layout for a whole lesson on narrower screens: the quiz box as narrow as lets every
/// question, its choices and the answer field fit without scrolling (up to half the width), the
/// focus as tall as the longest narration and quiz leave, between 8 rows and a third of the area
/// (the diagram and the step panel stay put from scene to scene; what still does not fit scrolls).
func plannedLayout(_ lesson: Lesson, language: LessonLanguage, unicode: Bool, area: Rect) -> LessonPlan {
    let base = lessonQuizWidth(area.width)
    guard area.width < 110, lesson.scenes.contains(where: { $0.quiz != nil }) else {
        return LessonPlan(focusHeight: plannedFocusHeight(lesson, language: language, unicode: unicode, area: area, quizWidth: base),
                          quizWidth: base)
    }
    for quizWidth in base...max(base, area.width / 2) {
        let focus = plannedFocusHeight(lesson, language: language, unicode: unicode, area: area, quizWidth: quizWidth)
        let rows = area.height - focus - 2
        if lesson.scenes.allSatisfy({ scene in scene.quiz.map { pendingQuizLines($0, language, unicode, quizWidth) <= rows } ?? true }) {
            return LessonPlan(focusHeight: focus, quizWidth: quizWidth)
        }
    }
    return LessonPlan(focusHeight: plannedFocusHeight(lesson, language: language, unicode: unicode, area: area, quizWidth: base),
                      quizWidth: base)
}

/// The focus's rows for quiz boxes `quizWidth` wide.
private func plannedFocusHeight(_ lesson: Lesson, language: LessonLanguage, unicode: Bool, area: Rect, quizWidth: Int) -> Int {
    var need = 0
    for scene in lesson.scenes {
        let width = scene.quiz != nil ? area.width - quizWidth : area.width
        let paragraphs = Narration.paragraphs(standIn(scene.narration.text(language), unicode)).map(textBlockMarkup)
        need = max(need, TextBlock(paragraphs.joined(separator: "\n")).height(width: width - 4) + 2)
        if let quiz = scene.quiz {
            need = max(need, pendingQuizLines(quiz, language, unicode, quizWidth) + 1 + 2)
        }
    }
    return min(max(8, area.height / 3), max(8, area.height - need))
}

/// The lines of a waiting quiz in a box `quizWidth` wide: question, choices, answer field.
private func pendingQuizLines(_ quiz: Quiz, _ language: LessonLanguage, _ unicode: Bool, _ quizWidth: Int) -> Int {
    var lines = TextBlock(standIn(quiz.question.text(language), unicode)).height(width: quizWidth - 4)
    for choice in quiz.choices {
        lines += TextBlock("a) " + standIn(choice.text(language), unicode)).height(width: quizWidth - 7)
    }
    return lines + 1
}

/// A text with its placeholders replaced by a number as wide as most values shown.
private func standIn(_ text: String, _ unicode: Bool) -> String {
    var out = "", inside = false
    for c in text {
        if c == "{" { inside = true; out += "−0.0000"; continue }
        if c == "}" { inside = false; continue }
        if !inside { out.append(c) }
    }
    return plainSymbols(out, unicode)
}
