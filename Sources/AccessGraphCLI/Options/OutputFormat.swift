import ArgumentParser

/// `--format` of the commands that print one result: text for people, JSON for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
