import AccountSnapshot
import PolicyModel

let testFile = "account.json"

func loadSnapshot(_ text: String) throws(DiagnosticError) -> AccountSnapshot {
    try AccountSnapshot.load(bytes: Array(text.utf8), file: testFile)
}

/// The errors `text` is rejected with; empty when it loads.
func loadErrors(_ text: String) -> [Diagnostic] {
    do {
        _ = try loadSnapshot(text)
        return []
    } catch {
        return error.diagnostics
    }
}

func at(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}
