import Foundation
import KubeTypes
import PropertyBased
import Testing

@Suite struct LabelSelectorTests {
    private let labels = ["app": "web", "tier": "frontend", "ballast.dev/managed": "true"]

    @Test func emptySelectorMatchesEverything() {
        #expect(LabelSelector().isEmpty)
        #expect(LabelSelector(matchLabels: [:], matchExpressions: []).isEmpty)
        #expect(LabelSelector().matches([:]))
        #expect(LabelSelector().matches(labels))
        #expect(LabelSelector().queryString == "")
    }

    @Test(arguments: [
        (["app": "web"], true), (["app": "web", "tier": "frontend"], true), (["app": "api"], false),
        (["missing": "x"], false),
    ])
    func matchLabelsMustAllBeEqual(matchLabels: [String: String], expected: Bool) {
        #expect(LabelSelector(matchLabels: matchLabels).matches(labels) == expected)
    }

    @Test(arguments: [
        (LabelSelectorRequirement(key: "app", operator: .in, values: ["web", "api"]), true),
        (LabelSelectorRequirement(key: "app", operator: .in, values: ["api"]), false),
        (LabelSelectorRequirement(key: "missing", operator: .in, values: ["x"]), false),
        (LabelSelectorRequirement(key: "app", operator: .notIn, values: ["api"]), true),
        (LabelSelectorRequirement(key: "app", operator: .notIn, values: ["web"]), false),
        (LabelSelectorRequirement(key: "missing", operator: .notIn, values: ["x"]), true),
        (LabelSelectorRequirement(key: "tier", operator: .exists), true),
        (LabelSelectorRequirement(key: "missing", operator: .exists), false),
        (LabelSelectorRequirement(key: "missing", operator: .doesNotExist), true),
        (LabelSelectorRequirement(key: "tier", operator: .doesNotExist), false),
    ])
    func expressionsFollowKubernetesSemantics(requirement: LabelSelectorRequirement, expected: Bool) {
        #expect(requirement.matches(labels) == expected)
        #expect(LabelSelector(matchExpressions: [requirement]).matches(labels) == expected)
    }

    @Test func everyRequirementMustHold() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [LabelSelectorRequirement(key: "tier", operator: .in, values: ["backend"])])
        #expect(!selector.matches(labels))
    }

    @Test func queryStringUsesTheLabelSelectorSyntaxSorted() {
        let selector = LabelSelector(
            matchLabels: ["tier": "frontend", "app": "web"],
            matchExpressions: [
                LabelSelectorRequirement(key: "env", operator: .in, values: ["prod", "canary"]),
                LabelSelectorRequirement(key: "zone", operator: .notIn, values: ["b", "a"]),
                LabelSelectorRequirement(key: "ballast.dev/managed", operator: .exists),
                LabelSelectorRequirement(key: "legacy", operator: .doesNotExist),
            ])
        #expect(selector.queryString
            == "app=web,tier=frontend,env in (canary,prod),zone notin (a,b),ballast.dev/managed,!legacy")
    }

    @Test func validationNamesEachOffendingField() {
        let selector = LabelSelector(matchExpressions: [
            LabelSelectorRequirement(key: "ok", operator: .in, values: ["x"]),
            LabelSelectorRequirement(key: "", operator: .exists),
            LabelSelectorRequirement(key: "a", operator: .in, values: []),
            LabelSelectorRequirement(key: "b", operator: .doesNotExist, values: ["x"]),
        ])
        #expect(selector.validationErrors(path: "spec.targetSelector") == [
            "spec.targetSelector.matchExpressions[1].key: must not be empty",
            "spec.targetSelector.matchExpressions[2].values: must be non-empty for operator In",
            "spec.targetSelector.matchExpressions[3].values: must be empty for operator DoesNotExist",
        ])
        #expect(LabelSelector(matchLabels: ["a": "b"]).validationErrors(path: "x").isEmpty)
    }

    @Test func decodesTheWireFormAndRejectsUnknownOperators() throws {
        let json = #"{"matchLabels":{"a":"b"},"matchExpressions":[{"key":"k","operator":"NotIn","values":["v"]}]}"#
        let selector = try JSONDecoder().decode(LabelSelector.self, from: Data(json.utf8))
        #expect(selector.matchLabels == ["a": "b"])
        #expect(selector.matchExpressions?.first?.operator == .notIn)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                LabelSelectorRequirement.self, from: Data(#"{"key":"k","operator":"Like"}"#.utf8))
        }
    }

    @Test func inAndNotInAreComplementsWhenTheKeyIsPresent() async {
        let values = Gen.int(in: 0...3).map { ["a", "b", "c", "d"][$0] }
        await propertyCheck(input: values, values.array(of: 1...3)) { value, set in
            let labels = ["k": value]
            let inSet = LabelSelectorRequirement(key: "k", operator: .in, values: set).matches(labels)
            let notIn = LabelSelectorRequirement(key: "k", operator: .notIn, values: set).matches(labels)
            #expect(inSet != notIn)
            #expect(inSet == set.contains(value))
        }
    }
}
