import BallastCore

/// The Kubernetes permissions the operator runs with: what its controllers need, plus every
/// rule of the action catalog (``ActionCatalog/rbacRules``), merged into the one ClusterRole that
/// `config/rbac/role.yaml` and the Helm chart ship.
///
/// Guarantees (checked by InstallTests): no `*` anywhere, no Secrets at all (the receiver token
/// and LLM keys are mounted files), no delete verb (pods leave through the Eviction API), and a
/// deterministic order, so the committed YAML can be compared with ``clusterRules`` byte for byte.
public enum OperatorRBAC {
    /// Name of the ClusterRole (and of its binding) in `config/rbac`.
    public static let clusterRoleName = "ballast-manager"

    /// Name of the namespaced Role for leader election in the operator's own namespace.
    public static let leaderElectionRoleName = "ballast-leader-election"

    /// Name of the operator's ServiceAccount.
    public static let serviceAccountName = "ballast"

    /// What the reconcilers, the receiver and the Event recorder need, whatever actions run.
    public static let controllerRules: [RBACRule] = [
        // The three CRDs: watched by the reconcilers; the receiver creates RemediationRequests
        // and deduplicates them by patching; the executor writes ActionHistories.
        RBACRule(apiGroups: ["ballast.dev"], resources: ["remediationrequests", "actionhistories"],
                 verbs: ["get", "list", "watch", "create", "patch"]),
        RBACRule(apiGroups: ["ballast.dev"], resources: ["safetypolicies"], verbs: ["get", "list", "watch"]),
        RBACRule(apiGroups: ["ballast.dev"],
                 resources: ["remediationrequests/status", "actionhistories/status", "safetypolicies/status"],
                 verbs: ["get", "update", "patch"]),
        // Events about what Ballast decided and did (core and events.k8s.io recorders).
        RBACRule(apiGroups: [""], resources: ["events"], verbs: ["create", "patch"]),
        RBACRule(apiGroups: ["events.k8s.io"], resources: ["events"], verbs: ["create", "patch"]),
        // Read-only context for decisions: informers over the objects actions look at.
        RBACRule(apiGroups: [""], resources: ["pods", "nodes", "events", "persistentvolumeclaims"],
                 verbs: ["get", "list", "watch"]),
        RBACRule(apiGroups: ["apps"], resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
                 verbs: ["get", "list", "watch"]),
        RBACRule(apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: ["get", "list", "watch"]),
        RBACRule(apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["get", "list", "watch"]),
        RBACRule(apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get", "list", "watch"]),
        // Namespace labels, which SafetyPolicy namespaceSelectors match.
        RBACRule(apiGroups: [""], resources: ["namespaces"], verbs: ["get", "list", "watch"]),
    ]

    /// The leader-election Lease permissions, granted by a Role in the operator's namespace only.
    public static let leaderElectionRules: [RBACRule] = [
        RBACRule(apiGroups: ["coordination.k8s.io"], resources: ["leases"],
                 verbs: ["get", "list", "watch", "create", "update", "patch"]),
    ]

    /// The ClusterRole's rules: ``controllerRules`` and the catalog's rules, merged by
    /// ``merge(_:)``.
    public static var clusterRules: [RBACRule] { merge(controllerRules + ActionCatalog.rbacRules) }

    /// Merges `rules` into the smallest deterministic equivalent: one rule per API group and
    /// verb set, listing (sorted) every resource of that group that needs exactly those verbs.
    ///
    /// The result grants exactly the (group, resource, verb) triples of the input, no more.
    /// Rules are ordered by group, then by their first resource; verbs are in
    /// ``verbOrder`` (read before write), resources alphabetically.
    /// - Parameter rules: Any rules, possibly overlapping or with several groups each.
    /// - Returns: Rules with one API group each.
    public static func merge(_ rules: [RBACRule]) -> [RBACRule] {
        var verbsByResource: [GroupResource: Set<String>] = [:]
        for rule in rules {
            for group in rule.apiGroups {
                for resource in rule.resources {
                    verbsByResource[GroupResource(group: group, resource: resource), default: []]
                        .formUnion(rule.verbs)
                }
            }
        }
        var resourcesByVerbs: [GroupVerbs: [String]] = [:]
        for (key, verbs) in verbsByResource {
            resourcesByVerbs[GroupVerbs(group: key.group, verbs: sortedVerbs(verbs)), default: []]
                .append(key.resource)
        }
        return resourcesByVerbs
            .map { key, resources in
                RBACRule(apiGroups: [key.group], resources: resources.sorted(), verbs: key.verbs)
            }
            .sorted { lhs, rhs in
                (lhs.apiGroups.first ?? "", lhs.resources.first ?? "") < (rhs.apiGroups.first ?? "", rhs.resources.first ?? "")
            }
    }

    /// The order verbs are listed in: reads, then writes, then anything else alphabetically.
    public static let verbOrder = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]

    private static func sortedVerbs(_ verbs: Set<String>) -> [String] {
        verbs.sorted { lhs, rhs in
            let left = verbOrder.firstIndex(of: lhs) ?? verbOrder.count
            let right = verbOrder.firstIndex(of: rhs) ?? verbOrder.count
            return left == right ? lhs < rhs : left < right
        }
    }

    private struct GroupResource: Hashable {
        var group: String
        var resource: String
    }

    private struct GroupVerbs: Hashable {
        var group: String
        var verbs: [String]
    }
}
