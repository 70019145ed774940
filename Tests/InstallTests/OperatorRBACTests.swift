import BallastCore
import BallastOperator
import Testing

/// The generated ClusterRole: least privilege, complete for the catalog, deterministic.
@Suite struct OperatorRBACTests {
    private let rules = OperatorRBAC.clusterRules

    @Test func grantsNoWildcard() {
        for rule in rules {
            #expect(!(rule.apiGroups + rule.resources + rule.verbs).contains("*"), "wildcard in \(rule)")
        }
    }

    @Test func grantsNoSecretsAndNoDelete() {
        for rule in rules {
            #expect(!rule.resources.contains { $0 == "secrets" || $0.hasPrefix("secrets/") }, "\(rule)")
            #expect(!rule.verbs.contains("delete") && !rule.verbs.contains("deletecollection"), "\(rule)")
        }
    }

    @Test func everyMergedRuleHasOneGroupAndSortedResources() {
        for rule in rules {
            #expect(rule.apiGroups.count == 1)
            #expect(rule.resources == rule.resources.sorted())
            #expect(Set(rule.verbs).count == rule.verbs.count)
        }
    }

    @Test(arguments: ActionCatalog.all)
    func grantsEveryPermissionOfAction(_ action: ActionSpec) {
        for needed in triples(action.rbac) {
            #expect(triples(rules).contains(needed), "\(action.name) needs \(needed)")
        }
    }

    @Test func grantsExactlyTheControllerAndCatalogNeeds() {
        let needed = triples(OperatorRBAC.controllerRules + ActionCatalog.rbacRules)
        #expect(triples(rules) == needed)
    }

    @Test func evictsInsteadOfDeletingPods() {
        #expect(triples(rules).contains(Triple(group: "", resource: "pods/eviction", verb: "create")))
    }

    @Test func mergeIsIndependentOfInputOrder() {
        let input = OperatorRBAC.controllerRules + ActionCatalog.rbacRules
        #expect(OperatorRBAC.merge(input.reversed()) == OperatorRBAC.merge(input))
        #expect(OperatorRBAC.merge(input + input) == OperatorRBAC.merge(input))
    }

    @Test func mergeSplitsMultiGroupRules() {
        let merged = OperatorRBAC.merge([
            RBACRule(apiGroups: ["apps", ""], resources: ["b", "a"], verbs: ["patch", "get"]),
            RBACRule(apiGroups: ["apps"], resources: ["a"], verbs: ["list"]),
        ])
        #expect(merged == [
            RBACRule(apiGroups: [""], resources: ["a", "b"], verbs: ["get", "patch"]),
            RBACRule(apiGroups: ["apps"], resources: ["a"], verbs: ["get", "list", "patch"]),
            RBACRule(apiGroups: ["apps"], resources: ["b"], verbs: ["get", "patch"]),
        ])
    }

    @Test func leaderElectionIsLeasesOnly() {
        #expect(Set(triples(OperatorRBAC.leaderElectionRules).map(\.resource)) == ["leases"])
    }
}

/// One granted permission: API group, resource, verb.
struct Triple: Hashable, CustomStringConvertible {
    var group: String
    var resource: String
    var verb: String
    var description: String { "\(group.isEmpty ? "core" : group)/\(resource):\(verb)" }
}

/// Every (group, resource, verb) that `rules` grant.
func triples(_ rules: [RBACRule]) -> Set<Triple> {
    Set(rules.flatMap { rule in
        rule.apiGroups.flatMap { group in
            rule.resources.flatMap { resource in
                rule.verbs.map { Triple(group: group, resource: resource, verb: $0) }
            }
        }
    })
}
