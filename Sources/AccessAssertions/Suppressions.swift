import PipelineChecks
import PolicyModel

extension StackAssertions {
    package var hasSuppressions: Bool { !suppressions.isEmpty }

    /// Applies the file's `suppress` entries to a report. Until its `expires` day a suppression
    /// marks each finding of its id on its resource as suppressed (it stays in the report, with
    /// the reason, and leaves the gate); from that day on the finding counts again and the
    /// suppression is a `suppression.expired` finding itself, at its entry in the file.
    /// - Parameter today: the day expiry dates are compared with (injected, so reports and tests
    ///   do not depend on the clock).
    package func suppress(_ report: inout StackReport, today: CalendarDay) {
        for suppression in suppressions {
            let entry = suppression.entry
            let location = file.location(entry.position)
            guard today >= entry.expires else {
                for index in report.findings.indices where report.findings[index].id == entry.finding
                    && report.findings[index].resource == suppression.label && report.findings[index].suppression == nil {
                    report.findings[index].suppression = FindingSuppression(reason: entry.reason, expires: entry.expires.description, location: location)
                }
                continue
            }
            // One message whatever the findings are, so both sides of a diff raise the same finding.
            report.findings.append(Finding(
                id: .expiredSuppression, severity: .warning, resource: suppression.label,
                message: "the suppression of `\(entry.finding.rawValue)` on `\(suppression.label)` expired on \(entry.expires) "
                    + "(it said: \(entry.reason)); the finding counts again: renew the entry with a later date, or remove it",
                location: location))
        }
    }
}
