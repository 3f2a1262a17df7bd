/// A way to obtain another principal's permissions without `sts:AssumeRole`, as the
/// `can-escalate` edges ask it: each names the actions the caller must be allowed and on what.
/// The evaluator answers each action for the caller's own policies; the catalogue gives the ARN
/// of a resource the caller would create (`EscalationEdgeChecker.newResourceARN`).
package struct EscalationTechnique: Sendable, Hashable {
    package enum Target: Sendable, Hashable {
        /// The action is asked on the role's ARN.
        case role
        /// The action is asked on the user's ARN.
        case user
        /// The action is asked on the group's ARN; the caller (a user) joins it.
        case group
        /// The action is asked on a customer managed policy's ARN; every principal it is
        /// attached to (directly or through a group) is reached.
        case managedPolicy
        /// The caller passes a role it may pass to `service` (a `can-pass-role` grant) and is
        /// allowed `actions` on a resource it creates, which then runs its code as the role.
        case passedRole(service: String)
    }

    /// Stable name, used in edges and reports (`iam.put-role-policy`).
    package let name: String
    /// What the caller does, for explanations.
    package let summary: String
    package let actions: [String]
    package let target: Target
    /// For `passedRole`: only roles with an instance profile can be passed (EC2).
    package let needsInstanceProfile: Bool

    /// For a technique that passes a role: the service it is passed to.
    package var passedService: String? {
        if case .passedRole(let service) = target { return service }
        return nil
    }

    init(_ name: String, _ summary: String, actions: [String], target: Target, needsInstanceProfile: Bool = false) {
        self.name = name
        self.summary = summary
        self.actions = actions
        self.target = target
        self.needsInstanceProfile = needsInstanceProfile
    }

    /// The techniques the graph looks for (Rhino Security Labs' and PMapper's lists of IAM
    /// privilege escalation methods, restricted to those one principal can complete alone).
    package static let all: [EscalationTechnique] = [
        EscalationTechnique("iam.put-role-policy", "writes an inline policy into the role", actions: ["iam:PutRolePolicy"], target: .role),
        EscalationTechnique("iam.attach-role-policy", "attaches a managed policy to the role", actions: ["iam:AttachRolePolicy"], target: .role),
        EscalationTechnique("iam.update-assume-role-policy", "rewrites the role's trust policy to trust itself",
                            actions: ["iam:UpdateAssumeRolePolicy"], target: .role),
        EscalationTechnique("iam.put-user-policy", "writes an inline policy into the user", actions: ["iam:PutUserPolicy"], target: .user),
        EscalationTechnique("iam.attach-user-policy", "attaches a managed policy to the user", actions: ["iam:AttachUserPolicy"], target: .user),
        EscalationTechnique("iam.create-access-key", "creates an access key for the user", actions: ["iam:CreateAccessKey"], target: .user),
        EscalationTechnique("iam.create-login-profile", "sets a console password for the user", actions: ["iam:CreateLoginProfile"], target: .user),
        EscalationTechnique("iam.update-login-profile", "changes the user's console password", actions: ["iam:UpdateLoginProfile"], target: .user),
        EscalationTechnique("iam.add-user-to-group", "adds itself to the group", actions: ["iam:AddUserToGroup"], target: .group),
        EscalationTechnique("iam.create-policy-version", "writes a new default version of a managed policy attached to it",
                            actions: ["iam:CreatePolicyVersion"], target: .managedPolicy),
        EscalationTechnique("iam.set-default-policy-version", "makes another version of a managed policy attached to it the default",
                            actions: ["iam:SetDefaultPolicyVersion"], target: .managedPolicy),
        EscalationTechnique("lambda.create-function", "creates a Lambda function with the role and invokes it",
                            actions: ["lambda:CreateFunction", "lambda:InvokeFunction"], target: .passedRole(service: "lambda.amazonaws.com")),
        EscalationTechnique("ec2.run-instances", "starts an EC2 instance with the role's instance profile",
                            actions: ["ec2:RunInstances"], target: .passedRole(service: "ec2.amazonaws.com"), needsInstanceProfile: true),
        EscalationTechnique("cloudformation.create-stack", "creates a stack that the role deploys",
                            actions: ["cloudformation:CreateStack"], target: .passedRole(service: "cloudformation.amazonaws.com")),
        EscalationTechnique("glue.create-job", "creates and starts a Glue job with the role",
                            actions: ["glue:CreateJob", "glue:StartJobRun"], target: .passedRole(service: "glue.amazonaws.com")),
        EscalationTechnique("osis.create-pipeline", "creates an OpenSearch Ingestion pipeline that reads and writes as the role",
                            actions: ["osis:CreatePipeline"], target: .passedRole(service: "osis-pipelines.amazonaws.com")),
        EscalationTechnique("ecs.run-task", "registers and runs an ECS task with the role",
                            actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"], target: .passedRole(service: "ecs-tasks.amazonaws.com")),
        EscalationTechnique("codebuild.create-project", "creates and starts a CodeBuild project with the role",
                            actions: ["codebuild:CreateProject", "codebuild:StartBuild"], target: .passedRole(service: "codebuild.amazonaws.com")),
        EscalationTechnique("states.create-state-machine", "creates and starts a state machine with the role",
                            actions: ["states:CreateStateMachine", "states:StartExecution"], target: .passedRole(service: "states.amazonaws.com")),
        EscalationTechnique("sagemaker.create-notebook-instance", "creates a notebook instance with the role and opens it",
                            actions: ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
                            target: .passedRole(service: "sagemaker.amazonaws.com")),
    ]
}
