import ArgumentParser

@main
struct BackpropTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop-tutor",
        abstract: "Watch a neural network learn by backpropagation, one number at a time.",
        discussion: """
            Every number comes from one engine: the forward pass, the loss, each chain-rule \
            gradient and each weight update. Network files are TOML (see lessons/FORMAT.md).
            """,
        version: "backprop-tutor 0.1.0",
        subcommands: [Menu.self, Lessons.self, Open.self, Play.self, Train.self, Trace.self, Check.self, GradCheck.self],
        defaultSubcommand: Menu.self
    )
}
