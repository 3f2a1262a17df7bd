/// An AWS managed policy's default version, from the bundled snapshot.
package struct ManagedPolicyRecord: Sendable, Hashable {
    package var name: String
    /// `arn:aws:iam::aws:policy<path><name>`; AWS managed policy ARNs are fully determined by path
    /// and name (other partitions use the same path and name with their own partition).
    package var arn: String
    /// `/`, `/service-role/`, `/aws-service-role/`, `/job-function/`, ...
    package var path: String
    package var defaultVersionId: String
    /// ISO 8601 timestamps as AWS reports them, e.g. `2021-09-27T20:16:37+00:00`.
    package var createDate: String
    package var updateDate: String
    /// The policy document as minified JSON text; parsing is left to the caller.
    package var documentJSON: String
}
