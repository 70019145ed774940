import Foundation
import KubeTypes
import Testing

@Suite struct ConditionTests {
    private let t0 = Date(timeIntervalSince1970: 1_795_168_800)
    private var t1: Date { t0.addingTimeInterval(60) }

    @Test func addsANewConditionWithTheTransitionTimeNow() {
        var conditions: [Condition] = []
        let changed = conditions.set("Ready", status: .true, reason: "Synced", message: "ok", observedGeneration: 1, now: t0)
        #expect(changed)
        #expect(conditions == [Condition(
            type: "Ready", status: .true, observedGeneration: 1, lastTransitionTime: t0, reason: "Synced",
            message: "ok")])
    }

    @Test func keepsTheTransitionTimeWhenOnlyReasonOrMessageChange() throws {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .true, reason: "Synced", message: "ok", observedGeneration: 1, now: t0)
        let changed = conditions.set("Ready", status: .true, reason: "Resynced", message: "still ok", observedGeneration: 2, now: t1)
        #expect(changed)
        let ready = try #require(conditions.condition("Ready"))
        #expect(ready.lastTransitionTime == t0)
        #expect(ready.reason == "Resynced")
        #expect(ready.message == "still ok")
        #expect(ready.observedGeneration == 2)
    }

    @Test func movesTheTransitionTimeWhenTheStatusChanges() throws {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .true, reason: "Synced", message: "", observedGeneration: 1, now: t0)
        conditions.set("Ready", status: .false, reason: "Failed", message: "boom", observedGeneration: 1, now: t1)
        #expect(try #require(conditions.condition("Ready")).lastTransitionTime == t1)
        #expect(!conditions.isTrue("Ready"))
    }

    @Test func reportsNoChangeForAnIdenticalSet() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .true, reason: "Synced", message: "ok", observedGeneration: 1, now: t0)
        let before = conditions
        let changed = conditions.set("Ready", status: .true, reason: "Synced", message: "ok", observedGeneration: 1, now: t1)
        #expect(!changed)
        #expect(conditions == before)
    }

    @Test func keepsOneConditionPerTypeInInsertionOrder() {
        var conditions: [Condition] = []
        conditions.set("A", status: .true, reason: "R", message: "", observedGeneration: nil, now: t0)
        conditions.set("B", status: .unknown, reason: "R", message: "", observedGeneration: nil, now: t0)
        conditions.set("A", status: .false, reason: "R", message: "", observedGeneration: nil, now: t1)
        #expect(conditions.map(\.type) == ["A", "B"])
        #expect(conditions.isTrue("A") == false)
        #expect(conditions.condition("C") == nil)
    }

    @Test func removesByType() {
        var conditions: [Condition] = []
        conditions.set("A", status: .true, reason: "R", message: "", observedGeneration: nil, now: t0)
        let removed = conditions.remove("A")
        let removedAgain = conditions.remove("A")
        #expect(removed)
        #expect(!removedAgain)
        #expect(conditions.isEmpty)
    }

    @Test func encodesLikeMetav1Condition() throws {
        let condition = Condition(
            type: "Ready", status: .unknown, lastTransitionTime: t0, reason: "Pending", message: "")
        let json = try JSONValue(encoding: condition)
        #expect(json == [
            "type": "Ready", "status": "Unknown", "lastTransitionTime": "2026-11-20T10:00:00Z",
            "reason": "Pending", "message": "",
        ])
    }
}
