import ArgumentParser
import Foundation
import SnapdriftCore

/// Options shared by accept, reject and review.
struct PendingSelection: ParsableArguments {
    @Option(help: "The project root.") var root: String = "."
    @Option(name: .customLong("source"), help: "Only this source (repeatable).") var sources: [String] = []
    @Option(help: "Only fixtures whose file name matches this glob.") var fixture: String?
    @Flag(help: "Every pending golden.") var all = false

    func items(requireSelection: Bool) throws(SnapdriftError) -> (Project, [PendingItem]) {
        if requireSelection, sources.isEmpty, fixture == nil, !all {
            throw SnapdriftError(.usage, "say which pending goldens: --source, --fixture or --all")
        }
        let project = try Project(root: root)
        return (project, try PendingGoldens.list(project: project, sources: sources, fixtureGlob: fixture))
    }
}

struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Promote pending goldens (and pending captures) to accepted ones."
    )

    @OptionGroup var selection: PendingSelection

    func run() async throws {
        try await runCommand {
            let (project, items) = try selection.items(requireSelection: true)
            if items.isEmpty { Terminal.standardOutput("no pending goldens\n") }
            for item in items {
                try PendingGoldens.accept(item, project: project)
                if item.hasPendingCapture { Terminal.standardOutput("accepted \(item.fixture.displayPath) (new capture)\n") }
                if item.hasPendingGolden { Terminal.standardOutput("accepted \(item.fixture.goldenDisplayPath)\n") }
            }
            return 0
        }
    }
}

struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Delete pending goldens (and pending captures); accepted files stay as they are."
    )

    @OptionGroup var selection: PendingSelection

    func run() async throws {
        try await runCommand {
            let (project, items) = try selection.items(requireSelection: true)
            if items.isEmpty { Terminal.standardOutput("no pending goldens\n") }
            for item in items {
                try PendingGoldens.reject(item, project: project)
                Terminal.standardOutput("rejected \(item.hasPendingGolden ? item.fixture.goldenDisplayPath + ".new" : item.fixture.displayPath + ".new")\n")
            }
            return 0
        }
    }
}

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Show each pending diff and accept, reject or skip it (needs a terminal).",
        discussion: "Keys: a accept · r reject · s skip · q quit."
    )

    @OptionGroup var selection: PendingSelection

    func run() async throws {
        try await runCommand {
            guard isatty(0) != 0 else {
                throw SnapdriftError(.usage, "review needs a terminal on standard input", notes: ["use `snapdrift accept` or `snapdrift reject` in scripts"])
            }
            let (project, items) = try selection.items(requireSelection: false)
            if items.isEmpty {
                Terminal.standardOutput("no pending goldens\n")
                return 0
            }
            let palette = TerminalReporter.Palette(enabled: Terminal.colorsEnabled)
            let keys = try RawKeyboard()
            defer { keys.restore() }
            var accepted = 0, rejected = 0, skipped = 0
            loop: for (index, item) in items.enumerated() {
                Terminal.standardOutput("\n" + ReviewSession.describe(item, position: index + 1, count: items.count, project: project, palette: palette))
                Terminal.standardOutput(ReviewSession.prompt)
                while true {
                    guard let key = keys.read() else { break loop }
                    guard let decision = ReviewSession.decision(for: key) else { continue }
                    Terminal.standardOutput("\(String(UnicodeScalar(key)))\r\n")
                    switch decision {
                    case .accept:
                        try PendingGoldens.accept(item, project: project)
                        accepted += 1
                        Terminal.standardOutput(palette.green("accepted") + "\r\n")
                    case .reject:
                        try PendingGoldens.reject(item, project: project)
                        rejected += 1
                        Terminal.standardOutput(palette.red("rejected") + "\r\n")
                    case .skip:
                        skipped += 1
                        Terminal.standardOutput(palette.dim("skipped") + "\r\n")
                    case .quit:
                        break loop
                    }
                    break
                }
            }
            keys.restore()
            Terminal.standardOutput("\n\(accepted) accepted, \(rejected) rejected, \(skipped) skipped, \(items.count - accepted - rejected - skipped) left\n")
            return 0
        }
    }
}

/// Single key presses from a terminal, without echo; the terminal is restored afterwards.
final class RawKeyboard {
    private var original = termios()
    private var active = false

    init() throws(SnapdriftError) {
        guard tcgetattr(0, &original) == 0 else {
            throw SnapdriftError(.io, "cannot read the terminal's settings: \(String(cString: strerror(errno)))")
        }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutablePointer(to: &raw.c_cc) { pointer in
            pointer.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
        }
        guard tcsetattr(0, TCSANOW, &raw) == 0 else {
            throw SnapdriftError(.io, "cannot switch the terminal to single keys: \(String(cString: strerror(errno)))")
        }
        active = true
    }

    /// The next key, or nil at end of input.
    func read() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = Foundation.read(0, &byte, 1)
            if count == 1 { return byte }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    func restore() {
        guard active else { return }
        tcsetattr(0, TCSANOW, &original)
        active = false
    }
}
