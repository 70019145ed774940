import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// The ActionHistory controller on the local control plane.
@Suite struct HistoryReconcilerTests {
    typealias F = ReconcilerFixture

    /// The informers the history controller reads but does not run.
    static func readOnly(_ harness: ReconcilerHarness) -> [@Sendable () async -> Void] {
        [harness.env.informers.policies.run, harness.env.informers.namespaces.run]
    }

    func read(_ harness: ReconcilerHarness, _ history: ActionHistory) async throws -> ActionHistory {
        try await harness.client.get(ActionHistory.self, .actionHistories, name: history.metadata.name ?? "", namespace: harness.namespace)
    }

    @Test func anOscillatingHistoryGetsPatternsSummaryConditionAndOneEventPerPattern() async throws {
        try await ReconcilerHarness.run("ah-osc") { harness in
            let history = try await harness.history(F.oscillation(endingAt: 5, relativeTo: Date()))
            let controller = HistoryController.make(env: harness.env)
            try await harness.running(controller, reading: Self.readOnly(harness)) {
                let converged = try await harness.eventually("patterns in status") {
                    try await read(harness, history)
                } until: { $0.status?.patterns?.isEmpty == false }
                let status = try #require(converged.status)
                #expect(status.patterns?.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.ineffectiveLoop, .scaleOscillation])
                #expect(status.patterns?.allSatisfy { $0.severity == .critical && $0.prevention == .block } == true)
                #expect(status.summary?.totalActions == 5)
                #expect(status.observedGeneration == converged.metadata.generation)
                let oscillating = try #require(status.conditions?.condition(HistoryStatus.oscillatingCondition))
                #expect(oscillating.status == .true && oscillating.reason == "IneffectiveLoop")

                let events = try await harness.eventually("two OscillationDetected events") {
                    try await harness.events(about: history.metadata.name ?? "")
                } until: { $0.filter { $0.reason == ActionHistoryReconciler.detectedReason }.count >= 2 }
                #expect(events.allSatisfy { $0.type == "Warning" && $0.count == 1 })
                #expect(events.contains { $0.message?.hasPrefix("ScaleOscillation (Critical): replicas 3->6->3") == true })
                let rendered = String(decoding: harness.env.metrics.render(), as: UTF8.self)
                #expect(rendered.contains(#"ballast_oscillations_detected_total{type="ScaleOscillation",severity="Critical"} 1"#))

                // Converged: further reconciles write nothing, neither status nor Events. They
                // start once the cache holds the version the API server stores (the running
                // controller may have written once more since `converged` was read), so they
                // compute from what is stored rather than from an older copy.
                let settled = try await harness.eventually("the history in the cache at its live resourceVersion") {
                    let live = try await read(harness, history)
                    return (live, harness.env.informers.histories.store.get(ObjectKey(live.metadata))?.metadata.resourceVersion)
                } until: { $0.0.metadata.resourceVersion == $0.1 }.0
                let writes = harness.env.events.writes
                let reconciler = ActionHistoryReconciler(env: harness.env)
                for _ in 0..<3 {
                    let result = try await reconciler.reconcile(ObjectKey(settled.metadata))
                    guard case .requeue(let delay) = result else {
                        Issue.record("an oscillating history must be looked at again when its window moves, got \(result)")
                        return
                    }
                    #expect(delay > .seconds(60), "the next change is minutes away, not a fixed short timer")
                }
                #expect(try await read(harness, history).metadata.resourceVersion == settled.metadata.resourceVersion)
                #expect(harness.env.events.writes == writes)
                #expect(try await harness.events(about: history.metadata.name ?? "").count == events.count)
            }
        }
    }

    @Test func aNewTargetsHistoryIsLeftToItsFirstIntentWhichArrivesConverged() async throws {
        try await ReconcilerHarness.run("ah-new") { harness in
            var target = F.web
            target.namespace = harness.namespace
            let key = HistoryLedger.location(of: target, operatorNamespace: harness.namespace)
            let histories = harness.env.informers.histories
            let reconciler = ActionHistoryReconciler(env: harness.env)
            func cachedAtLive() async throws -> ActionHistory {
                try await harness.eventually("the history in the cache at its live resourceVersion") {
                    let live = try await harness.client.get(ActionHistory.self, .actionHistories, name: key.name, namespace: key.namespace)
                    return (live, histories.store.get(key)?.metadata.resourceVersion)
                } until: { $0.0.metadata.resourceVersion == $0.1 }.0
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for run in [histories.run] + Self.readOnly(harness) { group.addTask { await run() } }
                defer { group.cancelAll() }
                // Created, its creator's first status write not made yet: nothing to write.
                try await harness.create(
                    ActionHistory(metadata: ObjectMeta(name: key.name, namespace: key.namespace), spec: ActionHistorySpec(target: target)),
                    .actionHistories)
                let empty = try await cachedAtLive()
                #expect(try await reconciler.reconcile(key) == .done)
                #expect(try await cachedAtLive().metadata.resourceVersion == empty.metadata.resourceVersion)

                // A ledger that knows nothing of it creates outright, meets AlreadyExists, reads
                // it and writes the intent in the reconciler's converged form.
                let ledger = HistoryLedger(client: harness.client, operatorNamespace: harness.namespace)
                let entry = ActionEntry(
                    actionId: "first", action: .restartDeployment, state: .pending,
                    startedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
                try await ledger.recordIntent(entry, target: target)
                let recorded = try await cachedAtLive()
                let status = try #require(recorded.status)
                #expect(status.entries == [entry])
                #expect(status.observedGeneration == recorded.metadata.generation)
                let oscillating = try #require(status.conditions?.condition(HistoryStatus.oscillatingCondition))
                #expect(oscillating.status == .false && oscillating.reason == "NoPattern")
                _ = try await reconciler.reconcile(key)
                #expect(try await cachedAtLive().metadata.resourceVersion == recorded.metadata.resourceVersion,
                        "the reconciler found nothing to rewrite")
                #expect(try await harness.events(about: key.name).isEmpty)
            }
        }
    }

    @Test func entriesPastRetentionArePrunedWhenTheyAgeOutWithNothingElseHappening() async throws {
        try await ReconcilerHarness.run("ah-retain") { harness in
            let now = Date()
            let history = try await harness.history(
                [
                    F.entry(.restartDeployment, .succeeded, at: 3, relativeTo: now),
                    // Ages out of the two-minute retention about twenty seconds from now.
                    F.entry(.scaleDeployment, .succeeded, at: (120 - 20) / 60, relativeTo: now),
                    F.entry(.deletePod, .failed, at: 0.1, relativeTo: now),
                ],
                retention: RetentionSettings(maxAge: .minutes(2)))
            let controller = HistoryController.make(env: harness.env)
            try await harness.running(controller, reading: Self.readOnly(harness)) {
                let first = try await harness.eventually("the three-minute-old entry pruned") {
                    try await read(harness, history)
                } until: { $0.status?.entries?.count == 2 }
                #expect(first.status?.entries?.map(\.action) == [.scaleDeployment, .deletePod])
                // The total counts what this status ever knew: the pruned entry was never in a summary.
                #expect(first.status?.summary?.totalActions == 2)
                let second = try await harness.eventually("the second entry pruned by the wake-up alone", timeout: .seconds(40)) {
                    try await read(harness, history)
                } until: { $0.status?.entries?.count == 1 }
                #expect(second.status?.entries?.map(\.action) == [.deletePod])
                #expect(second.status?.summary?.totalActions == 2, "the total never decreases")
                let late = Date().timeIntervalSince(now.addingTimeInterval(20))
                print("retention wake-up: the ageing entry was gone from status \(late) s after it aged out (20 ms polling)")
            }
        }
    }

    @Test func patternsClearByThemselvesWhenTheirEntriesLeaveTheWindowAndSayWhy() async throws {
        try await ReconcilerHarness.run("ah-clear") { harness in
            // Five poorly effective scales a second apart, analysed over a 30-second window: they
            // oscillate now, and all leave the window within twenty seconds with nothing recorded.
            let now = Date()
            let entries = (0..<5).map { (index: Int) -> ActionEntry in
                let up = index % 2 == 0
                let from: Int64 = up ? 3 : 6
                return F.scale(from, 9 - from, at: Double(15 - index) / 60, relativeTo: now)
            }
            let history = try await harness.history(entries, analysis: OscillationSettings(window: .seconds(30)))
            let name = history.metadata.name ?? ""
            try await harness.running(HistoryController.make(env: harness.env), reading: Self.readOnly(harness)) {
                try await harness.eventually("oscillating") { try await read(harness, history) } until: {
                    $0.status?.conditions?.isTrue(HistoryStatus.oscillatingCondition) == true
                }
                let quiet = try await harness.eventually("no pattern left", timeout: .seconds(40)) {
                    try await read(harness, history)
                } until: { $0.status?.patterns == [] }
                let oscillating = try #require(quiet.status?.conditions?.condition(HistoryStatus.oscillatingCondition))
                #expect(oscillating.status == .false && oscillating.reason == "NoPattern")
                #expect(quiet.status?.entries?.count == 5, "entries outside the analysis window are still retained")
                // Each Event is recorded right after the status write that reports it.
                func types(_ events: [Event], _ reason: String) -> Set<String> {
                    Set(events.filter { $0.reason == reason }.compactMap { $0.message?.split(separator: " ").first.map(String.init) })
                }
                let events = try await harness.eventually("every detected pattern type reported cleared") {
                    try await harness.events(about: name)
                } until: { events in
                    let detected = types(events, ActionHistoryReconciler.detectedReason)
                    return !detected.isEmpty && types(events, ActionHistoryReconciler.clearedReason) == detected
                }
                #expect(types(events, ActionHistoryReconciler.detectedReason) == ["IneffectiveLoop", "ScaleOscillation"])
                #expect(events.allSatisfy { $0.reason != ActionHistoryReconciler.clearedReason || $0.type == "Normal" })
            }
        }
    }

    @Test func entriesAppendedWhileTheReconcilerWritesAreNeverLost() async throws {
        try await ReconcilerHarness.run("ah-race") { harness in
            let history = try await harness.history(F.oscillation(endingAt: 5, relativeTo: Date()))
            let controller = HistoryController.make(env: harness.env)
            try await harness.running(controller, reading: Self.readOnly(harness)) {
                // Append as the RemediationRequest reconciler's ledger does: read, append,
                // write with the resourceVersion read, re-read on conflict.
                for index in 0..<8 {
                    while true {
                        var current = try await read(harness, history)
                        var entry = F.entry(.restartDeployment, .succeeded, at: Double(index) / 600, relativeTo: Date())
                        entry.actionId = "appended-\(index)"
                        var status = current.status ?? ActionHistoryStatus()
                        status.entries = (status.entries ?? []) + [entry]
                        current.status = status
                        do {
                            try await harness.client.updateStatus(current, .actionHistories)
                            break
                        } catch let error as KubeError where error.code == .conflict {
                            continue
                        }
                    }
                }
                let final = try await harness.eventually("every appended entry present and analysed") {
                    try await read(harness, history)
                } until: { history in
                    let ids = Set(history.status?.entries?.map(\.actionId) ?? [])
                    return (0..<8).allSatisfy { ids.contains("appended-\($0)") } && history.status?.summary?.totalActions == 13
                }
                #expect(final.status?.entries?.count == 13)
            }
        }
    }
}
