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
    // CloudFormation / CDK templates (JSON and YAML) with their intrinsics, and the OSIS pipeline
    // configuration (Data Prepper YAML).
    .target(
        name: "TemplateParsing",
        dependencies: ["PolicyModel", "PolicyParsing", .product(name: "Yams", package: "Yams")]
    ),
    // `aws iam get-account-authorization-details` files.
    .target(name: "AccountSnapshot", dependencies: ["PolicyModel", "PolicyParsing"]),
    .target(
        name: "PipelineParsing",
        dependencies: ["PolicyModel", .product(name: "Yams", package: "Yams")]
    ),
    .target(name: "PolicyLint", dependencies: ["PolicyModel", "PolicyParsing", "ServiceCatalog"]),
    // The stack: template + pipeline into principals and resources, pipeline checks, findings.
    .target(
        name: "StackAnalysis",
        dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation", "ServiceCatalog", "TemplateParsing", "PipelineParsing", "AccountSnapshot"]
    ),
    .target(name: "Conformance", dependencies: ["PolicyModel", "PolicyParsing", "PolicyEvaluation"]),
    .target(name: "Reporting", dependencies: ["PolicyModel", "PolicyEvaluation", "PolicyLint", "Conformance", "StackAnalysis"]),
    .target(
        name: "AccessGraphCLI",
        dependencies: [
            "PolicyModel", "PolicyParsing", "ServiceCatalog", "PolicyEvaluation", "PolicyLint",
            "Conformance", "Reporting", "StackAnalysis", "TemplateParsing", "PipelineParsing", "AccountSnapshot",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        // The reference stack, analysed when `accessgraph` runs without a template.
        resources: [.copy("Resources/seed-stack")]
    ),
    .executableTarget(name: "accessgraph", dependencies: ["AccessGraphCLI"]),
    .executableTarget(name: "catalogue-import", dependencies: []),
    .executableTarget(
        name: "accessgraph-bench",
        dependencies: ["PolicyModel", "PolicyParsing", "ServiceCatalog", "PolicyEvaluation", "TemplateParsing", "StackAnalysis"]
    ),
    .testTarget(name: "PolicyParsingTests", dependencies: ["PolicyParsing", "PolicyModel"]),
    .testTarget(name: "PolicyEvaluationTests", dependencies: ["PolicyEvaluation", "PolicyParsing", "PolicyModel"]),
    .testTarget(name: "ServiceCatalogTests", dependencies: ["ServiceCatalog", "PolicyModel"]),
    .testTarget(name: "PolicyLintTests", dependencies: ["PolicyLint", "PolicyParsing", "ServiceCatalog"]),
    // The corpus lives in Tests/Corpus (data, not a target); ConformanceTests finds it by path.
    .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "PolicyEvaluation", "PolicyParsing", "ServiceCatalog"]),
    .testTarget(name: "AccessGraphCLITests", dependencies: ["AccessGraphCLI"]),
    .testTarget(name: "TemplateParsingTests", dependencies: ["TemplateParsing", "PolicyModel", "PolicyParsing"]),
    .testTarget(name: "PipelineParsingTests", dependencies: ["PipelineParsing", "PolicyModel"]),
    .testTarget(name: "StackAnalysisTests", dependencies: ["StackAnalysis", "TemplateParsing", "PipelineParsing", "PolicyEvaluation", "ServiceCatalog", "AccountSnapshot"]),
]

// The libFuzzer target has no `main`: libFuzzer supplies it, so it only links when built with
// `-sanitize=fuzzer`. It is declared only on request (README, "Fuzzing").
if ProcessInfo.processInfo.environment["ACCESSGRAPH_FUZZ"] != nil {
    targets.append(
        .executableTarget(
            name: "accessgraph-fuzz",
            dependencies: ["PolicyParsing", "PolicyModel"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    )
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
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
