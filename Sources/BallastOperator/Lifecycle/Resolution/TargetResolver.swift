import BallastAPI

/// What the reconciler must look up to resolve a request's target.
public enum TargetCandidate: Sendable, Hashable {
    /// Look up this object by name (its uid is still unknown).
    case object(TargetReference)
    /// Look up this pod and walk its controller owner chain to the top (ReplicaSet →
    /// Deployment, StatefulSet, DaemonSet); the pod itself when it has no controller.
    case ownerOfPod(namespace: String, name: String)

    /// The namespace the looked-up target must be in (`nil`: cluster-scoped).
    public var namespace: String? {
        switch self {
        case .object(let reference): return reference.namespace
        case .ownerOfPod(let namespace, _): return namespace
        }
    }
}

/// Resolves the target of a request without I/O.
///
/// Guarantees: an explicit `spec.target` wins (namespace defaulting to the request's); otherwise
/// exactly one of the labels `deployment`, `statefulset`, `daemonset`, `pod`, `node`,
/// `persistentvolumeclaim` names the target. The alert's labels are untrusted data: they can only
/// name an object in the request's own namespace (or a node), never anything wider, and a value
/// that is not a valid object name is refused rather than cleaned up.
public enum TargetResolver {
    /// How the labels map to kinds: label, apiVersion, kind, namespaced.
    static let kindLabels: [(label: String, apiVersion: String, kind: String, namespaced: Bool)] = [
        ("deployment", "apps/v1", "Deployment", true),
        ("statefulset", "apps/v1", "StatefulSet", true),
        ("daemonset", "apps/v1", "DaemonSet", true),
        ("pod", "v1", "Pod", true),
        ("node", "v1", "Node", false),
        ("persistentvolumeclaim", "v1", "PersistentVolumeClaim", true),
    ]

    /// The candidate target of `spec` for a request in `requestNamespace`, or why there is none
    /// (a message naming the labels seen; the lifecycle fails with `TargetUnresolvable`).
    public static func resolve(_ spec: RemediationRequestSpec, requestNamespace: String) -> Result<TargetCandidate, TargetUnresolvable> {
        if let target = spec.target {
            var reference = target
            reference.uid = nil
            if target.kind != "Node", reference.namespace == nil { reference.namespace = requestNamespace }
            return .success(.object(reference))
        }
        let labels = spec.alert?.labels ?? [:]
        let seen = kindLabels.filter { labels[$0.label] != nil }
        guard seen.count == 1, let match = seen.first, let name = labels[match.label] else {
            let problem = seen.isEmpty ? "no target label" : "more than one target label"
            return .failure(TargetUnresolvable(message: "\(problem) among \(Self.labelList); labels seen: \(describe(labels))"))
        }
        guard isObjectName(name) else {
            return .failure(TargetUnresolvable(message: "label \(match.label)=\"\(name)\" is not a valid object name"))
        }
        guard match.namespaced else {
            return .success(.object(TargetReference(apiVersion: match.apiVersion, kind: match.kind, name: name)))
        }
        if let namespace = labels["namespace"], namespace != requestNamespace {
            return .failure(TargetUnresolvable(
                message: "label namespace=\"\(namespace)\" differs from the request's namespace \"\(requestNamespace)\"; "
                    + "an alert can only name targets in its request's namespace"))
        }
        if match.label == "pod" { return .success(.ownerOfPod(namespace: requestNamespace, name: name)) }
        return .success(.object(TargetReference(
            apiVersion: match.apiVersion, kind: match.kind, namespace: requestNamespace, name: name)))
    }

    /// `deployment, statefulset, ...` for messages.
    static var labelList: String { kindLabels.map(\.label).joined(separator: ", ") }

    /// `{a=1, b=2}` sorted by key, or `none`.
    static func describe(_ labels: [String: String]) -> String {
        labels.isEmpty ? "none" : "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }

    /// A DNS subdomain (RFC 1123): 1–253 lower-case alphanumerics, `-` and `.`, alphanumeric at both ends.
    static func isObjectName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...253).contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
        func alnum(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return alnum(first) && alnum(last) && scalars.allSatisfy { alnum($0) || $0 == "-" || $0 == "." }
    }
}

/// Why a request's target cannot be resolved (reason `TargetUnresolvable`).
public struct TargetUnresolvable: Error, Sendable, Hashable, CustomStringConvertible {
    /// Names the labels seen and what is missing or ambiguous.
    public var message: String
    /// The message.
    public var description: String { message }
}
