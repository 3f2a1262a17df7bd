import ArgumentParser

extension AccessGraphCommand {
    struct Lint: ExecutableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate policy files the way IAM Access Analyzer does.")

        @Argument(help: "Policy files.")
        var files: [String] = []

        func execute(io: CommandIO) throws -> Int32 {
            throw CommandFailure("error: lint is not built yet")
        }
    }
}
