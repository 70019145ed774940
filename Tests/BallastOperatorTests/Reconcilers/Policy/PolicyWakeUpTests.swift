import BallastAPI
import ControllerRuntime
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct PolicyWakeUpTests {
    typealias F = ReconcilerFixture

    @Test func nothingAheadMeansNoWakeUp() {
        #expect(PolicyWakeUp.next(after: F.now, status: SafetyPolicyStatus(), executedAt: [], window: .hours(1)) == nil)
        #expect(PolicyWakeUp.next(after: F.now, status: SafetyPolicyStatus(), executedAt: [F.ago(90)], window: .hours(1)) == nil)
    }

    @Test func theOldestActionInTheWindowOrAnOpenBreakerComesFirst() {
        let executed = [F.ago(50), F.ago(20)]
        #expect(PolicyWakeUp.next(after: F.now, status: SafetyPolicyStatus(), executedAt: executed, window: .hours(1)) == F.ago(-10))
        let breakers = SafetyPolicyStatus(circuitBreakers: [
            CircuitBreakerStatus(action: .deletePod, state: .open, until: F.ago(-4)),
            CircuitBreakerStatus(action: .restartDeployment, state: .halfOpen),
        ])
        #expect(PolicyWakeUp.next(after: F.now, status: breakers, executedAt: executed, window: .hours(1)) == F.ago(-4))
    }
}

@Suite struct PolicyStatusWriteTests {
    static let base = SafetyPolicyStatus(
        observedGeneration: 1, emergencyStop: EmergencyStopStatus(active: false), executing: 1, actionsInWindow: 4)

    static func with(_ change: (inout SafetyPolicyStatus) -> Void) -> SafetyPolicyStatus {
        var status = base
        change(&status)
        return status
    }

    @Test func anUnchangedStatusIsNotWritten() {
        #expect(PolicyStatusWrite.decide(old: Self.base, new: Self.base, sinceLastWrite: nil) == .skip)
    }

    @Test func counterChangesRightAfterAWriteArePostponedToTheInterval() {
        let busier = Self.with { $0.executing = 3; $0.actionsInWindow = 6 }
        #expect(PolicyStatusWrite.decide(old: Self.base, new: busier, sinceLastWrite: .milliseconds(300)) == .postpone(.milliseconds(700)))
        #expect(PolicyStatusWrite.decide(old: Self.base, new: busier, sinceLastWrite: .seconds(2)) == .write)
        #expect(PolicyStatusWrite.decide(old: Self.base, new: busier, sinceLastWrite: nil) == .write)
    }

    @Test func everythingElseIsWrittenAtOnce() {
        let changes: [(inout SafetyPolicyStatus) -> Void] = [
            { $0.emergencyStop = EmergencyStopStatus(active: true) },
            { $0.observedGeneration = 2 },
            { $0.circuitBreakers = [CircuitBreakerStatus(action: .deletePod, state: .open)] },
            { $0.executing = 2; $0.emergencyStop = EmergencyStopStatus(active: true) },
        ]
        for change in changes {
            #expect(PolicyStatusWrite.decide(old: Self.base, new: Self.with(change), sinceLastWrite: .milliseconds(1)) == .write)
        }
        #expect(PolicyStatusWrite.decide(old: nil, new: Self.base, sinceLastWrite: .milliseconds(1)) == .write)
    }
}

@Suite struct ControllerMappingTests {
    typealias F = ReconcilerFixture

    static func request(_ phase: RemediationPhase?) -> RemediationRequest {
        RemediationRequest(
            metadata: ObjectMeta(name: "rr", namespace: "shop"), spec: RemediationRequestSpec(target: F.web),
            status: phase.map { RemediationRequestStatus(phase: $0) })
    }

    static func history(_ entries: [ActionEntry]?) -> ActionHistory {
        ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop"), spec: ActionHistorySpec(target: F.web),
            status: entries.map { ActionHistoryStatus(entries: $0) })
    }

    @Test func onlyEnteringOrLeavingExecutingMovesTheExecutingCount() {
        #expect(StoreChange.updated(old: Self.request(.analyzing), new: Self.request(.executing)).movesExecutingCount)
        #expect(StoreChange.updated(old: Self.request(.executing), new: Self.request(.verifying)).movesExecutingCount)
        #expect(!StoreChange.updated(old: Self.request(.pending), new: Self.request(.analyzing)).movesExecutingCount)
        #expect(!StoreChange.updated(old: Self.request(.executing), new: Self.request(.executing)).movesExecutingCount)
        #expect(StoreChange.deleted(Self.request(.executing)).movesExecutingCount)
        #expect(!StoreChange.added(Self.request(nil)).movesExecutingCount)
    }

    @Test func onlyChangedEntriesMoveWindowsAndBreakers() {
        let one = [F.entry(.restartDeployment, .pending, at: 1)]
        let done = [F.entry(.restartDeployment, .failed, at: 1)]
        #expect(StoreChange.updated(old: Self.history(one), new: Self.history(done)).movesEntries)
        #expect(!StoreChange.updated(old: Self.history(one), new: Self.history(one)).movesEntries)
        #expect(StoreChange.added(Self.history(one)).movesEntries)
        #expect(!StoreChange.added(Self.history(nil)).movesEntries)
    }

    @Test func onlyOscillationSettingsOrSelectorsChangeHowHistoriesAreAnalysed() {
        let plain = F.policy("p")
        let stricter = F.policy("p", SafetyPolicySpec(oscillation: OscillationSettings(window: .hours(1))))
        let stopped = F.policy("p", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true)))
        let scoped = F.policy("p", SafetyPolicySpec(namespaceSelector: LabelSelector(matchLabels: ["a": "b"])))
        #expect(StoreChange.updated(old: plain, new: stricter).changesAnalysis)
        #expect(StoreChange.updated(old: plain, new: scoped).changesAnalysis)
        #expect(!StoreChange.updated(old: plain, new: stopped).changesAnalysis)
        #expect(StoreChange.added(plain).changesAnalysis && StoreChange.deleted(plain).changesAnalysis)
    }
}
