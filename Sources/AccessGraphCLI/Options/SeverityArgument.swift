import ArgumentParser
import PolicyModel

/// `--fail-on` of `check` and `lint`, read one way: case-insensitive, and an unknown value lists
/// the valid ones.
extension Severity: ExpressibleByArgument {
    package init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    package static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
