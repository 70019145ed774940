import KubeTypes
import PropertyBased
import Testing
@testable import BallastDecision

/// Invariants that must hold for any input, not just the examples.
@Suite struct SafetyPropertyTests {
    static let names = FakeCatalog.table.map(\.0) + ["reboot_cluster", "delete_namespace", ""]

    @Test func noAnswerOutsideTheAllowedSetIsEverAccepted() async {
        let validator = DecisionValidator(catalog: FakeCatalog())
        await propertyCheck(
            count: 300, input: Gen.int(in: 0..<Self.names.count), Gen.int(in: 0..<512), Gen.double(in: -1...2), Gen.int(in: -5...50)
        ) { chosen, allowedMask, confidence, replicas in
            let allowed = Self.names.enumerated().filter { allowedMask & (1 << ($0.offset % 9)) != 0 && !$0.element.isEmpty }
                .map { AllowedAction(name: $0.element, limits: ["maxReplicas": 20]) }
            let context = Fixtures.context(allowed: allowed)
            let text = #"{"action":"\#(Self.names[chosen])","parameters":{"replicas":\#(replicas)},"confidence":\#(confidence),"reasoning":"r"}"#
            guard let accepted = try? validator.validate(text: text, for: context) else { return }
            #expect(allowed.contains { $0.name == accepted.action })
            #expect((0...1).contains(accepted.confidence))
            #expect((0...20).contains(accepted.parameters["replicas"]?.intValue ?? 0))
        }
    }

    @Test func theStrictParserRoundTripsCanonicalJSON() async {
        await propertyCheck(count: 200, input: Gen.letterOrNumber.string(of: 0...12).array(of: 0...6), Gen.int(in: -1_000_000...1_000_000)) { keys, number in
            var members: [String: JSONValue] = [:]
            for (index, key) in keys.enumerated() {
                members[key] = index.isMultiple(of: 2) ? .int(Int64(number + index)) : .string("v\"\\\n\(key)é")
            }
            let value = JSONValue.object(["members": .object(members), "list": .array(members.values.sorted { $0.canonicalString() < $1.canonicalString() })])
            let parsed = try? StrictJSONParser.parseValue(in: Array(value.canonicalString().utf8), from: 0)
            #expect(parsed?.value == value)
        }
    }

    @Test func promptsStayWithinTheirBudgetWhateverTheHistory() async {
        let catalog = FakeCatalog()
        await propertyCheck(count: 40, input: Gen.int(in: 0...400), Gen.int(in: 0...200_000), Gen.int(in: 1500...6000)) { entries, logBytes, budget in
            var context = Fixtures.context(history: HistorySummary(entries: (0..<entries).map {
                HistoryEntrySummary(action: "restart_deployment", minutesAgo: entries - $0, alert: "KubePodCrashLooping on a long line of text")
            }))
            context.target.logs = ["app": String(repeating: "x", count: logBytes)]
            let prompt = PromptBuilder(tokenBudget: budget).build(context, catalog: catalog)
            #expect(prompt.estimatedTokens <= budget)
        }
    }
}
