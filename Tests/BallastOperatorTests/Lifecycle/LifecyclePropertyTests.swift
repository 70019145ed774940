import BallastAPI
import Foundation
import PropertyBased
import Testing
@testable import BallastOperator

/// Random reconcile sequences, with crashes between any two effects and duplicate reconciles,
/// against the lifecycle's guarantees (checked by ``SimulatedReconciler``).
@Suite("Lifecycle properties")
struct LifecyclePropertyTests {
    static func pick(_ count: Int) -> Generator<Int, Shrink.Integer<Int>> { Gen.int(in: 0...(count - 1)) }

    static let script = zip(
        Gen.int(in: 0...15), Gen.int(in: 0...4), pick(ReconcileScript.verdicts.count), pick(ReconcileScript.outcomes.count),
        Gen.bool, pick(3), Gen.int(in: -8...8), Gen.int(in: 0...3), Gen.int(in: 0...5)
    ).map { minutes, stop, verdict, outcome, resolved, approval, crash, twice, edit in
        ReconcileScript(
            minutesLater: minutes, emergencyStop: stop == 0, verdict: verdict, outcome: outcome, alertResolved: resolved,
            approval: approval, crashBefore: crash < 0 ? nil : crash, twice: twice == 0, specEdited: edit == 0)
    }

    static let scripts = script.array(of: 1...14)

    @Test("alert-driven requests keep every guarantee across crashes and replays")
    func alertDriven() async {
        await propertyCheck(count: 400, input: Self.scripts) { scripts in
            var world = SimulatedReconciler(spec: LifecycleFixture.alertSpec)
            world.run(scripts)
            #expect(world.violations.isEmpty, "\(world.violations)")
            #expect(world.executions.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("manual RequireApproval requests keep every guarantee across crashes and replays")
    func manualWithApproval() async {
        var spec = LifecycleFixture.manualSpec
        spec.mode = .requireApproval
        await propertyCheck(count: 400, input: Self.scripts) { scripts in
            var world = SimulatedReconciler(spec: spec)
            world.run(scripts)
            #expect(world.violations.isEmpty, "\(world.violations)")
        }
    }

    @Test("without crashes, a request whose world always allows and succeeds completes")
    func happyPathCompletes() {
        var world = SimulatedReconciler(spec: LifecycleFixture.alertSpec)
        let ok = ReconcileScript(minutesLater: 1, emergencyStop: false, verdict: 0, outcome: 0, alertResolved: true,
                                 approval: 0, crashBefore: nil, twice: false)
        world.run([ok, ok])
        #expect(world.violations.isEmpty)
        #expect(world.request.status?.phase == .completed)
        #expect(world.executions == [LifecycleFixture.actionId(1): 1])
        #expect(world.history[LifecycleFixture.actionId(1)]?.state == .succeeded)
        #expect(world.history[LifecycleFixture.actionId(1)]?.effectiveness == 1)
    }

    @Test("a crash right after execute is recovered by checking, not re-executing")
    func crashAfterExecute() throws {
        var probe = SimulatedReconciler(spec: LifecycleFixture.alertSpec)
        let clean = ReconcileScript(minutesLater: 0, emergencyStop: false, verdict: 0, outcome: 0, alertResolved: false,
                                    approval: 0, crashBefore: nil, twice: false)
        probe.run([clean])
        let executeIndex = try #require(probe.executeIndices.first ?? nil)
        var world = SimulatedReconciler(spec: LifecycleFixture.alertSpec)
        var crash = clean
        crash.crashBefore = executeIndex + 1
        world.run([crash])
        #expect(world.executions == [LifecycleFixture.actionId(1): 1])
        #expect(world.history[LifecycleFixture.actionId(1)]?.state == .pending)
        let after = ReconcileScript(minutesLater: 1, emergencyStop: true, verdict: 0, outcome: 5, alertResolved: false,
                                    approval: 0, crashBefore: nil, twice: false)
        world.run([after])
        #expect(world.violations.isEmpty, "\(world.violations)")
        #expect(world.executions == [LifecycleFixture.actionId(1): 1])
        #expect(world.history[LifecycleFixture.actionId(1)]?.state == .succeeded)
        #expect(world.request.status?.phase == .verifying)
    }
}
