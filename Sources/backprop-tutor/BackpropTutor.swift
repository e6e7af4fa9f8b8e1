import ArgumentParser
import Foundation

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

    /// --lang, --theme and --ascii before the subcommand (`backprop-tutor --lang ja open …`); the
    /// same options after it win. Each subcommand reads these through `@ParentCommand`.
    @OptionGroup var common: CommonOptions

    /// As `ParsableCommand.main()`, except that a mistake on the command line (an unknown option,
    /// a value that does not parse or validate) exits with 2, like a mistake in a file: every kind
    /// of bad input has the one exit code. Help and --version still exit with 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The options every command understands, given before the subcommand.
struct CommonOptions: ParsableArguments {
    @Option(help: "Language of the words: en or ja (default: from the locale). Also accepted after the subcommand.")
    var lang: LanguageOption?

    @Option(help: "Colours of the screens: default, light, mono or projector. Also accepted after the subcommand.")
    var theme: ThemeName?

    @Flag(help: "ASCII characters only. Also accepted after the subcommand.")
    var ascii = false
}
