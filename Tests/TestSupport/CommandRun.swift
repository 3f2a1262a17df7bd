import AccessGraphCLI

/// One in-process run of `accessgraph`: what a shell would see.
package struct CommandRun: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String

    /// Both streams, for an expectation's message.
    package var output: String { stderr + stdout }
}

/// Runs `accessgraph` with `arguments` in this process (no build product, no subprocess).
package func accessgraph(_ arguments: [String]) -> CommandRun {
    let run = AccessGraphCommand.runInProcess(arguments)
    return CommandRun(status: run.status, stdout: run.stdout, stderr: run.stderr)
}
