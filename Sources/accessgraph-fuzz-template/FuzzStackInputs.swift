// libFuzzer entry point for templates and pipeline configurations (README, "Fuzzing").
// Built only with ACCESSGRAPH_FUZZ=1 and `-sanitize=fuzzer`, which supplies `main`.
import AccessInventory
import PolicyModel
import ServiceCatalog
import TemplateParsing

/// Loaded once: the fuzzer exercises the readers, not the catalogue.
let catalogue: ServiceCatalogue? = try? ServiceCatalogue.embedded()

/// The same bytes go in as a template (JSON or YAML, resolved and built into an inventory, as
/// `check --template` loads one) and as a standalone pipeline configuration (as `--pipeline`).
/// Either may fail, but only with diagnostics that name the input and point inside it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStackInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let catalogue else { preconditionFailure("the embedded catalogue does not load") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let context = TemplateContext(account: "123456789012", region: "us-east-1")
    let inputs = [
        StackInput(template: .bytes(bytes, name: "fuzz.template"), context: context),
        StackInput(pipeline: .bytes(bytes, name: "fuzz.pipeline"), context: context),
    ]
    for input in inputs {
        do {
            let inventory = try StackLoader.load(input, catalogue: catalogue)
            _ = inventory.resources.count
            for principal in inventory.principals { _ = principal.policies.count }
        } catch {
            checkDiagnostics(error.diagnostics, of: bytes, file: input.template == nil ? "fuzz.pipeline" : "fuzz.template")
        }
    }
    return 0
}

/// Every error names the input file (or a text embedded in it) and, where it has a position in the
/// input, one inside it: a line
/// that exists and a column no further than the longest line. YAML also breaks lines at a lone
/// CR, NEL, LS and PS, so the line bound counts those too.
func checkDiagnostics(_ diagnostics: [Diagnostic], of bytes: [UInt8], file: String) {
    precondition(!diagnostics.isEmpty, "an error without diagnostics")
    let text = String(decoding: bytes, as: UTF8.self)
    var lineCount = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": if previous != "\r" { lineCount += 1 }
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": lineCount += 1
        default: break
        }
        previous = scalar
    }
    let longestLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(\.count).max() ?? 0
    for diagnostic in diagnostics {
        // A template's embedded pipeline configuration is its own text, `template#LogicalId`.
        let isEmbedded = diagnostic.file?.hasPrefix(file + "#") == true
        precondition(diagnostic.file == file || isEmbedded, "a diagnostic without the input's name: \(diagnostic)")
        guard diagnostic.position.isKnown, !isEmbedded else { continue }
        precondition(diagnostic.position.line >= 1 && diagnostic.position.line <= lineCount,
                     "a diagnostic on a line the input does not have: \(diagnostic)")
        precondition(diagnostic.position.column >= 1 && diagnostic.position.column <= longestLine + 1,
                     "a diagnostic past the end of the longest line: \(diagnostic)")
    }
}

// SwiftPM links an executable target's entry point under the name `<module>_main`; hand control
// to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("accessgraph_fuzz_template_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzStackInputs)
}
