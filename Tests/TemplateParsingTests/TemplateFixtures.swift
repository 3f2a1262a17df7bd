import PolicyModel
import TestSupport
import PolicyParsing
import Testing
@testable import TemplateParsing

/// `⟦body⟧`.
func token(_ body: String) -> String { "\u{27E6}\(body)\u{27E7}" }

let concreteContext = TemplateContext(account: "123456789012", region: "us-east-1", partition: "aws")

func loadTemplate(_ text: String, file: String = "t.yaml", context: TemplateContext = .unknown) throws -> CloudFormationTemplate {
    try CloudFormationTemplate.load(bytes: Array(text.utf8), file: file, context: context)
}

/// The error a template load throws, or nil (recorded as an issue) when it loads.
func loadError(_ text: String, file: String = "t.yaml", context: TemplateContext = .unknown,
               sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DiagnosticError? {
    loadError(bytes: Array(text.utf8), file: file, context: context, sourceLocation: sourceLocation)
}

func loadError(bytes: [UInt8], file: String = "t.yaml", context: TemplateContext = .unknown,
               sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DiagnosticError? {
    do {
        _ = try CloudFormationTemplate.load(bytes: bytes, file: file, context: context)
        Issue.record("expected the template to fail to load", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A position literal, `at(5, 10)`.

extension PolicyDocument {
    var principalValues: [String] {
        statements.flatMap { $0.principal?.entries.map(\.value) ?? [] }
    }

    var actionTexts: [String] {
        statements.flatMap { $0.action.patterns.map(\.text) }
    }

    var resourceTexts: [String] {
        statements.flatMap { $0.resource?.patterns.map(\.text) ?? [] }
    }
}

/// The error a typed view throws for `resource`, or nil (recorded as an issue) when it reads.
func viewError<View: TemplateResourceView>(_ view: View.Type, _ resource: TemplateResource,
                                           sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DiagnosticError? {
    do {
        _ = try View(resource)
        Issue.record("expected the view to fail", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
