/// Every bound on what AccessGraph reads, in one place (README, "Input limits"). An input beyond
/// one is refused with an error that says which limit it passed (`io.too-large`, `json.too-deep`,
/// `policy.too-large`, `template.too-large`, `template.too-deep`, `pipeline.too-large`,
/// `assertions.too-large`, ...) and exit code 2. Within them, time is near-linear in the input,
/// and memory too: a read tree takes up to about 40 bytes per value however short the value is
/// written (`1,` takes two), so inputs that are small in practice (policies, templates) are
/// refused far below `fileBytes`.
package enum InputLimits {
    /// Any file read (policy, case, template, pipeline, snapshot), in bytes: `io.too-large`.
    package static let fileBytes = 64 << 20
    /// Nesting of JSON arrays and objects: `json.too-deep`. The reader recurses no further.
    package static let jsonDepth = 256

    /// A policy file (`lint`, `simulate`), in bytes: `policy.too-large`. IAM accepts at most 32 KB
    /// (key policies); managed policies at most 6,144 characters.
    package static let policyBytes = 1 << 20
    /// A conformance case file, in bytes: `case.too-large`. A case holds a few policies.
    package static let caseBytes = 1 << 20

    /// A CloudFormation template, JSON or YAML, in bytes: `template.too-large`. CloudFormation
    /// itself accepts 1 MB, so `cdk synth` writes no more.
    package static let templateBytes = 4 << 20
    /// Resources in a template: `template.too-large`. CloudFormation accepts 500; each resource
    /// costs about 2 KB of memory, however few bytes it is written in.
    package static let templateResources = 20_000
    /// Nesting of a template's values: `template.too-deep`.
    package static let templateDepth = 128
    /// Conditions that refer to each other, levels deep: `template.too-deep`.
    package static let templateConditionNesting = 64
    /// A cloud assembly's `manifest.json`, in bytes: `assembly.too-large`. CDK writes a metadata
    /// entry per construct; a 500-resource app's manifest is a few hundred KB.
    package static let manifestBytes = 8 << 20
    /// A parameters file, in bytes: `parameter.too-large`. A stack has at most 200 parameters of
    /// at most 4 KB each.
    package static let parameterFileBytes = 1 << 20
    /// Stacks analysed together (templates, the stacks of cloud assemblies and their nested
    /// stacks): `assembly.too-many-stacks`. CDK apps have tens; each stack is a template.
    package static let stacksPerAnalysis = 200
    /// Nesting of stacks (a nested stack's nested stack, ...) and of CDK stage assemblies:
    /// `assembly.too-deep`.
    package static let stackNesting = 16

    /// Bytes that intrinsic functions (`Fn::Join`, `Fn::Sub`, ...) may produce while resolving a
    /// template of `bytes`, nested results counted again: `template.too-large`. A join over a long
    /// parameter multiplies the input; real templates resolve to about their own size.
    package static func templateResolvedBytes(forTemplateBytes bytes: Int) -> Int {
        max(16 << 20, 4 * bytes)
    }

    /// An OpenSearch Ingestion pipeline configuration, in bytes: `pipeline.too-large`.
    /// `AWS::OSIS::Pipeline` caps its body at 24,000 characters; a standalone Data Prepper file is
    /// larger at most by comments.
    package static let pipelineBytes = 1 << 20
    /// Nesting of a pipeline configuration's values: `pipeline.too-deep`.
    package static let pipelineDepth = 128
    /// Aliases (`*name`) in a pipeline configuration: `pipeline.too-many-aliases`. Pipeline files
    /// rarely use any.
    package static let pipelineAliases = 32

    /// An assertions file (`accessgraph.yaml`), in bytes: `assertions.too-large`. A team writes a
    /// few dozen entries.
    package static let assertionsBytes = 1 << 20
    /// Nesting of an assertions file's values: `assertions.too-deep`. The format nests four deep.
    package static let assertionsDepth = 32
    /// Aliases (`*name`) in an assertions file: `assertions.too-large`.
    package static let assertionsAliases = 32

    /// What YAML aliases may expand a text of `bytes` to, counting one unit per node and per scalar
    /// byte: `template.too-large` or `pipeline.too-large`. Without aliases a document costs at most
    /// about twice its size; the rest is room for legitimate anchor reuse, while an alias bomb
    /// ("billion laughs") stops here, unexpanded. Aliases inside mapping keys are always refused.
    package static func yamlExpansionUnits(forTextBytes bytes: Int) -> Int {
        4 * bytes + 100_000
    }
}
