// swift-tools-version: 6.0
// AccessGraph: who can do what to which AWS resource, and why.
import PackageDescription
import class Foundation.ProcessInfo

// Dependencies point one way: model → parsing / catalogue / evaluation → lint / conformance
// → reporting → CLI. See README.md, "Architecture".
var targets: [Target] = [
    .target(name: "PolicyModel"),
    .target(name: "PolicyParsing", dependencies: ["PolicyModel"]),
    .target(
        name: "ServiceCatalog",
        dependencies: ["PolicyModel"],
        resources: [.copy("Resources/catalogue.agcat"), .copy("Resources/managed-policies.agmp")]
    ),
    .target(name: "PolicyEvaluation", dependencies: ["PolicyModel"]),
    // The one hardened YAML reader (limits, alias defences, positioned errors) over Yams.
    .target(name: "SafeYAML", dependencies: ["PolicyModel", .product(name: "Yams", package: "Yams")]),
    // CloudFormation / CDK templates (JSON and YAML) with their intrinsics, and the OSIS pipeline
    // configuration (Data Prepper YAML).
    // The SAM transform reads SAM's policy templates (a copy in Resources/sam-policy-templates) and
    // the catalogue's AWS managed policy names.
    .target(
        name: "TemplateParsing",
        dependencies: ["PolicyModel", "PolicyParsing", "SafeYAML", "ServiceCatalog"],
        resources: [.copy("Resources/sam-policy-templates")]
    ),
    // `aws iam get-account-authorization-details` files.
    .target(name: "AccountSnapshot", dependencies: ["PolicyModel", "PolicyParsing"]),
    .target(
        name: "PipelineParsing",
        dependencies: ["PolicyModel", "SafeYAML"]
    ),
    .target(name: "PolicyLint", dependencies: ["PolicyModel", "PolicyParsing", "ServiceCatalog"]),
    // A stack or an account as one source-neutral inventory of principals and resources with
    // their policies (from templates and account snapshots), and the loader that builds it.
    .target(
        name: "AccessInventory",
        dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "ServiceCatalog", "TemplateParsing", "PipelineParsing", "AccountSnapshot"]
    ),
    // What an OpenSearch Ingestion pipeline needs: each required request with its reason and
    // AWS page, and their evaluation against an inventory.
    .target(name: "PipelineRequirements", dependencies: ["PolicyModel", "PolicyEvaluation", "PipelineParsing", "AccessInventory"]),
    // The six pipeline checks and the findings.
    .target(
        name: "PipelineChecks",
        dependencies: ["PolicyModel", "PolicyEvaluation", "ServiceCatalog", "AccessInventory", "PipelineRequirements"]
    ),
    // Who can reach what: one edge checker per edge kind, and chains.
    .target(
        name: "AccessGraph",
        dependencies: ["PolicyModel", "PolicyEvaluation", "ServiceCatalog", "AccessInventory", "PipelineRequirements"]
    ),
    // Least-privilege documents for a stack's pipeline from its requirements, proven with the
    // evaluator and the checks before anything is written.
    .target(
        name: "PolicyGeneration",
        dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "ServiceCatalog", "TemplateParsing", "AccessInventory", "PipelineRequirements", "PipelineChecks"]
    ),
    // AWS Signature Version 4 (swift-crypto for SHA-256 and HMAC), for the live audit's calls.
    .target(name: "AWSSigning", dependencies: ["PolicyModel", "PolicyParsing", .product(name: "Crypto", package: "swift-crypto")]),
    // Calls to AWS: endpoints, SigV4-signed requests with timeouts and retries, the Query, JSON,
    // REST-JSON and REST-XML protocols (FoundationNetworking, FoundationXML).
    .target(name: "AWSClient", dependencies: ["PolicyModel", "PolicyParsing", "AWSSigning", "PipelineParsing"]),
    // What changed in effect between two versions of a stack: access, checks, findings.
    .target(name: "StackDiff", dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "ServiceCatalog", "AccessInventory", "PipelineChecks", "AccessGraph"]),
    // A team's assertions file (`accessgraph.yaml`): what must always hold, decided for a stack or
    // a change, and the findings it suppresses.
    .target(
        name: "AccessAssertions",
        dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "ServiceCatalog", "SafeYAML", "AccessInventory", "PipelineRequirements",
                       "PipelineChecks", "AccessGraph", "StackDiff"]
    ),
    .target(name: "Conformance", dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation"]),
    .target(
        name: "Reporting",
        dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "Conformance", "PipelineRequirements", "PipelineChecks", "AccessGraph", "PolicyGeneration", "StackDiff", "AccessAssertions"]
    ),
    .target(
        name: "AccessGraphCLI",
        dependencies: [
            "PolicyModel", "PolicyParsing", "ServiceCatalog", "PolicyEvaluation", "PolicyLint",
            "Conformance", "Reporting", "TemplateParsing", "AccessInventory", "PipelineChecks", "AccessGraph", "PolicyGeneration", "StackDiff",
            "AccountSnapshot", "AccessAssertions", "AWSSigning", "AWSClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        // The reference stack, analysed when `accessgraph` runs without a template.
        resources: [.copy("Resources/seed-stack")]
    ),
    .executableTarget(name: "accessgraph", dependencies: ["AccessGraphCLI"]),
    .executableTarget(name: "catalogue-import", dependencies: []),
    .executableTarget(
        name: "accessgraph-bench",
        dependencies: [
            "PolicyModel", "PolicyParsing", "ServiceCatalog", "PolicyEvaluation", "TemplateParsing", "AccessInventory", "PipelineChecks", "PolicyGeneration",
            "StackDiff", "AccessGraph",
            // The scaling shapes, shared with the scaling test tier.
            "TestSupport",
        ]
    ),
    // Test helpers: the seed-stack locator, temporary directories, the in-process CLI runner and
    // labelled stack builders and the scaling shapes (README, "Tests"). A library under Tests/ that
    // only tests and the benchmark use.
    .target(
        name: "TestSupport",
        dependencies: [
            "PolicyModel", "PolicyParsing", "ServiceCatalog", "TemplateParsing", "AccessInventory", "PipelineChecks", "AccessGraphCLI",
            "PolicyLint", "SafeYAML", "PipelineParsing",
        ],
        path: "Tests/TestSupport"
    ),
    .testTarget(name: "PolicyParsingTests", dependencies: ["PolicyParsing", "PolicyModel", "ServiceCatalog"]),
    .testTarget(name: "PolicyEvaluationTests", dependencies: ["PolicyEvaluation", "PolicyParsing", "PolicyModel"]),
    .testTarget(name: "ServiceCatalogTests", dependencies: ["ServiceCatalog", "PolicyModel", "TestSupport"]),
    .testTarget(name: "PolicyLintTests", dependencies: ["PolicyLint", "PolicyParsing", "ServiceCatalog"]),
    // The corpus lives in Tests/Corpus (data, not a target); ConformanceTests finds it by path.
    .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "PolicyEvaluation", "PolicyParsing", "ServiceCatalog"]),
    .testTarget(name: "AccessGraphCLITests", dependencies: ["AccessGraphCLI", "ServiceCatalog", "TestSupport", "AWSClient"]),
    .testTarget(name: "TemplateParsingTests", dependencies: ["TemplateParsing", "PolicyModel", "PolicyParsing", "TestSupport"]),
    .testTarget(name: "PipelineParsingTests", dependencies: ["PipelineParsing", "PolicyModel", "TestSupport"]),
    .testTarget(name: "SafeYAMLTests", dependencies: ["SafeYAML", "PolicyModel", "TestSupport"]),
    .testTarget(
        name: "PipelineChecksTests",
        dependencies: ["PipelineChecks", "PipelineRequirements", "AccessInventory", "TemplateParsing", "PipelineParsing", "PolicyEvaluation", "ServiceCatalog", "TestSupport"]
    ),
    .testTarget(
        name: "AccessInventoryTests",
        dependencies: ["AccessInventory", "PolicyEvaluation", "PolicyModel", "ServiceCatalog", "TemplateParsing", "TestSupport"]
    ),
    .testTarget(name: "AccessGraphTests", dependencies: ["AccessGraph", "AccessInventory", "TemplateParsing", "PolicyEvaluation", "ServiceCatalog", "TestSupport"]),
    .testTarget(
        name: "PolicyGenerationTests",
        dependencies: ["PolicyGeneration", "PipelineChecks", "PipelineRequirements", "AccessInventory", "PolicyEvaluation", "PolicyModel", "ServiceCatalog", "TestSupport"]
    ),
    // The SigV4 suite lives in Tests/SigV4TestSuite (data, not a target).
    .testTarget(name: "AWSSigningTests", dependencies: ["AWSSigning", "PolicyModel", "PolicyParsing", "TestSupport"]),
    .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "AWSSigning", "PolicyParsing"]),
    .testTarget(name: "AccountSnapshotTests", dependencies: ["AccountSnapshot", "PolicyModel", "TestSupport"]),
    .testTarget(
        name: "AccessAssertionsTests",
        dependencies: ["AccessAssertions", "AccessGraph", "AccessInventory", "PipelineChecks", "PolicyModel", "ServiceCatalog", "StackDiff", "TestSupport"]
    ),
    // The scaling tier: each hostile-input shape at N and 8N (README, "Tests").
    .testTarget(name: "ScalingTests", dependencies: ["TestSupport"]),
    // The benchmark's arguments and table (not its figures: no timed tests).
    .testTarget(name: "AccessGraphBenchTests", dependencies: ["accessgraph-bench"]),
    .testTarget(name: "ReportingTests", dependencies: ["Reporting", "PipelineChecks", "PipelineRequirements", "AccessGraph", "PolicyEvaluation", "PolicyModel", "Conformance", "TestSupport"]),
]

// The libFuzzer targets have no `main`: libFuzzer supplies it, so they only link when built with
// `-sanitize=fuzzer`. They are declared only on request (README, "Fuzzing").
if ProcessInfo.processInfo.environment["ACCESSGRAPH_FUZZ"] != nil {
    targets.append(contentsOf: [
        .executableTarget(
            name: "accessgraph-fuzz",
            dependencies: ["PolicyParsing", "PolicyModel"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // Templates (JSON and YAML, through the inventory) and pipeline configurations.
        .executableTarget(
            name: "accessgraph-fuzz-template",
            dependencies: ["AccessInventory", "TemplateParsing", "ServiceCatalog", "PolicyModel"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ])
}

let package = Package(
    name: "AccessGraph",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accessgraph", targets: ["accessgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
