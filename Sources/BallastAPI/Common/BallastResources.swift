import KubeTypes

/// The API group and version of Ballast's custom resources.
public enum BallastGroup {
    /// `ballast.dev`.
    public static let group = "ballast.dev"
    /// `v1alpha1`.
    public static let version = "v1alpha1"
    /// `ballast.dev/v1alpha1`, the `apiVersion` every Ballast object carries.
    public static let apiVersion = "\(group)/\(version)"
}

extension ResourceDescriptor {
    /// `remediationrequests.ballast.dev` (namespaced, short name `rr`).
    public static let remediationRequests = ResourceDescriptor(
        group: BallastGroup.group, version: BallastGroup.version, plural: "remediationrequests",
        kind: "RemediationRequest", namespaced: true)
    /// `actionhistories.ballast.dev` (namespaced, short name `ah`).
    public static let actionHistories = ResourceDescriptor(
        group: BallastGroup.group, version: BallastGroup.version, plural: "actionhistories",
        kind: "ActionHistory", namespaced: true)
    /// `safetypolicies.ballast.dev` (cluster-scoped, short name `sp`).
    public static let safetyPolicies = ResourceDescriptor(
        group: BallastGroup.group, version: BallastGroup.version, plural: "safetypolicies",
        kind: "SafetyPolicy", namespaced: false)
}
