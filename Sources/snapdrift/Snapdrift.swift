import ArgumentParser
import SnapdriftCore

/// `snapdrift`: pin what captured pages normalize to, and report drift per field.
@main
struct Snapdrift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapdrift",
        abstract: "Pin what scraped pages normalize to, and report per field, with the cause, when that stops being true.",
        version: Engine.version,
        subcommands: [
            CheckCommand.self,
            AcceptCommand.self,
            RejectCommand.self,
            ReviewCommand.self,
            NormalizeCommand.self,
            DiffCommand.self,
            MatrixCommand.self,
            MergeReportsCommand.self,
            CaptureCommand.self,
            ExplainCommand.self,
            QueryCommand.self,
            ValidateCommand.self,
            InitCommand.self,
            SpecReferenceCommand.self,
        ]
    )
}
