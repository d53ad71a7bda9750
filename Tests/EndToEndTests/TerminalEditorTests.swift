import Foundation
import XCTest

/// `faqbot chat` in a real terminal (a tmux pane): the line editor's keys, the history and the answers.
final class TerminalEditorTests: XCTestCase {
    /// The screen with the replies' line breaks turned into spaces, so wrapped phrases can be found.
    private func flat(_ screen: String) -> String {
        screen.replacingOccurrences(of: "\n", with: " ")
    }

    /// The screen's last line that is not empty (tmux drops trailing spaces).
    private func lastLine(of screen: String) -> String {
        String(screen.split(separator: "\n").last { !$0.isEmpty } ?? "")
    }

    /// How many times `phrase` is on the screen.
    private func count(_ phrase: String, in screen: String) -> Int {
        flat(screen).components(separatedBy: phrase).count - 1
    }

    func testTypingEditingWithArrowsAndHistoryInATerminal() throws {
        let command = "'\(Executable.path)' chat --knowledge '\(Executable.knowledge)'; "
            + "echo \"[exit $?]\"; stty -a | grep -o -- '-\\?icanon'; sleep 600"
        let terminal = try TmuxSession(command: command)
        try terminal.waitFor("the prompt") { $0.contains("Hello!") && self.lastLine(of: $0) == ">" }

        // An unknown key (F5) and Enter on an empty line send nothing.
        try terminal.keys("F5", "Enter")
        // Typed with a mistake, corrected with Left and typing, then sent.
        try terminal.type("can smp be moved")
        try terminal.keys("Left", "Left", "Left", "Left", "Left")
        try terminal.type("re")
        try terminal.waitFor("the edited line") { $0.contains("> can smp be removed") }
        XCTAssertEqual(try terminal.cursorColumn(), 2 + "can smp be re".count)
        try terminal.keys("Right", "Right", "Enter")
        try terminal.waitFor("the removal answer") { self.count("laser tattoo removal", in: $0) == 1 }

        try terminal.type("how long does smp take to heal?")
        try terminal.keys("Enter")
        try terminal.waitFor("the healing answer") { self.flat($0).contains("7 to 10 days") }

        // Up twice brings back the first question; Enter asks it again.
        try terminal.keys("Up", "Up")
        try terminal.waitFor("the first question from the history") {
            self.lastLine(of: $0) == "> can smp be removed"
        }
        try terminal.keys("Enter")
        let answered = try terminal.waitFor("the removal answer again") { self.count("laser tattoo removal", in: $0) == 2 }
        XCTAssertFalse(answered.contains("[15~"), "the unknown key is not typed")
        XCTAssertFalse(answered.contains("Sorry, I don't know"), "nothing but the questions was sent:\n\(answered)")

        // Ctrl-D on the empty line ends the chat, and the terminal is back in its normal mode.
        try terminal.keys("C-d")
        let end = try terminal.waitFor("the end of the chat") { $0.contains("[exit 0]") && $0.contains("icanon") }
        XCTAssertFalse(end.contains("-icanon"), "canonical mode restored:\n\(end)")
    }

    func testTerminalIsRestoredWhenTheChatIsKilledWithSIGTERM() throws {
        let command = "'\(Executable.path)' chat --knowledge '\(Executable.knowledge)'; "
            + "echo \"[exit $?]\"; stty -a | grep -o -- '-\\?icanon'; sleep 600"
        let terminal = try TmuxSession(command: command)
        try terminal.waitFor("the prompt") { $0.contains("Hello!") && self.lastLine(of: $0) == ">" }
        try terminal.type("half a question")
        try terminal.waitFor("the typed text") { self.lastLine(of: $0) == "> half a question" }
        let chat = try terminal.childrenOfThePanesShell()
        XCTAssertEqual(chat.count, 1)
        for pid in chat { kill(pid, SIGTERM) }
        let end = try terminal.waitFor("the end of the chat") { $0.contains("[exit 143]") && $0.contains("icanon") }
        XCTAssertFalse(end.contains("-icanon"), "canonical mode restored:\n\(end)")
    }
}
