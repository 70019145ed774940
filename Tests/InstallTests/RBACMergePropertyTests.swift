import BallastCore
import BallastOperator
import PropertyBased
import Testing

/// ``OperatorRBAC/merge(_:)`` on arbitrary rule lists: it grants exactly what the input grants,
/// in a canonical form.
@Suite struct RBACMergePropertyTests {
    /// Rule lists drawn from small pools so that overlaps are common: each code picks non-empty
    /// subsets of three groups, three resources and three verbs (three base-7 digits).
    private static let ruleLists = Gen.int(in: 0...342).array(of: 0...8)

    private static func rule(_ code: Int) -> RBACRule {
        func subset(_ digit: Int, of pool: [String]) -> [String] {
            let mask = digit % 7 + 1
            return pool.indices.filter { mask & (1 << $0) != 0 }.map { pool[$0] }
        }
        return RBACRule(
            apiGroups: subset(code, of: ["", "apps", "policy"]),
            resources: subset(code / 7, of: ["pods", "pods/eviction", "deployments"]),
            verbs: subset(code / 49, of: ["patch", "get", "create"]))
    }

    @Test func grantsExactlyTheInputsPermissions() async {
        await propertyCheck(input: Self.ruleLists) { codes in
            let rules = codes.map(Self.rule)
            #expect(triples(OperatorRBAC.merge(rules)) == triples(rules))
        }
    }

    @Test func isCanonical() async {
        await propertyCheck(input: Self.ruleLists) { codes in
            let merged = OperatorRBAC.merge(codes.map(Self.rule))
            #expect(OperatorRBAC.merge(merged) == merged)
            #expect(OperatorRBAC.merge(codes.reversed().map(Self.rule)) == merged)
            let keys = merged.map { "\($0.apiGroups):\($0.verbs)" }
            #expect(Set(keys).count == keys.count, "two rules share a group and verb set")
            #expect(merged.allSatisfy { $0.apiGroups.count == 1 && $0.resources == $0.resources.sorted() })
        }
    }
}
