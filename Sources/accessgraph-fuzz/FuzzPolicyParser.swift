// libFuzzer entry point for the JSON reader and the policy parser (README, "Fuzzing").
// Built only with ACCESSGRAPH_FUZZ=1 and `-sanitize=fuzzer`, which supplies `main`.
import PolicyModel
import PolicyParsing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicyParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let node = try JSONReader.parse(bytes: bytes)
        // Whatever parses as JSON goes on to the policy parser; errors must carry a position.
        do {
            let document = try PolicyParser.parse(node: node)
            for statement in document.statements {
                _ = statement.action.patterns.count
                _ = statement.resource?.patterns.first?.compiled?.matchesEverything
            }
        } catch {
            precondition(!error.diagnostics.isEmpty, "a policy error without diagnostics")
        }
    } catch {
        precondition(error.diagnostics.allSatisfy { $0.position.isKnown }, "a JSON error without a position")
    }
    return 0
}

// SwiftPM links an executable target's entry point under the name `<module>_main`; hand control
// to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("accessgraph_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzPolicyParser)
}
