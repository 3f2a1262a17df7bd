import AccountSnapshot
import PolicyModel
import TestSupport

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

