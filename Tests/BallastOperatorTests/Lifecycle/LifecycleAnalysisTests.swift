import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Lifecycle: Pending and Analyzing")
struct LifecycleAnalysisTests {
    @Test("first observation records the spec fingerprint and asks for the target")
    func firstObservation() throws {
        var request = LifecycleFixture.request()
        request.metadata.annotations = nil
        let result = nextStep(request)
        #expect(result.effects.first == .setAnnotation(
            key: SpecFingerprint.annotationKey, value: SpecFingerprint(LifecycleFixture.alertSpec).annotation))
        #expect(result.need == .target(.object(TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web"))))
        #expect(result.phase == .pending)
        #expect(result.writesStatus)
    }

    @Test("a found target moves to Analyzing and asks for a decision")
    func targetFound() {
        let result = nextStep(LifecycleFixture.request(), LifecycleObservations(target: .found(LifecycleFixture.web)))
        #expect(result.phase == .analyzing)
        #expect(result.status.target == LifecycleFixture.web)
        #expect(result.need == .decision(target: LifecycleFixture.web))
    }

    @Test("a lookup answer that is not the named target is refused", arguments: [
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "kube-system", name: "web", uid: "x"),
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "other", uid: "x"),
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web"),
    ])
    func lookupCannotWiden(found: TargetReference) {
        let result = nextStep(LifecycleFixture.request(), LifecycleObservations(target: .found(found)))
        #expect(result.phase == .failed)
        #expect(result.condition(LifecycleCondition.decided)?.reason == "TargetUnresolvable")
        #expect(result.events.map(\.reason) == ["TargetUnresolvable"])
    }

    @Test("unresolvable labels fail with TargetUnresolvable naming the labels")
    func unresolvable() throws {
        let spec = RemediationRequestSpec(alert: AlertInfo(name: "HighLatency", labels: ["service": "checkout"]))
        let result = nextStep(LifecycleFixture.request(spec))
        #expect(result.phase == .failed)
        let condition = try #require(result.condition(LifecycleCondition.decided))
        #expect(condition.reason == "TargetUnresolvable")
        #expect(condition.message.contains("service=checkout"))
        #expect(result.events.first?.type == .warning)
        #expect(result.need == nil)
    }

    @Test("a missing target fails with TargetNotFound")
    func missing() {
        let result = nextStep(LifecycleFixture.request(), LifecycleObservations(target: .missing("deployment shop/web not found")))
        #expect(result.phase == .failed)
        #expect(result.condition(LifecycleCondition.decided)?.reason == "TargetNotFound")
    }

    @Test("a duplicate alert is Skipped as Deduplicated")
    func duplicate() {
        let result = nextStep(LifecycleFixture.request(), LifecycleObservations(duplicateOf: "web-rr-older"))
        #expect(result.phase == .skipped)
        #expect(result.events.first?.reason == "Deduplicated")
        #expect(result.events.first?.message.contains("web-rr-older") == true)
    }

    @Test("an invalid spec fails with InvalidSpec before anything else")
    func invalidSpec() {
        let spec = RemediationRequestSpec(action: RequestedAction(name: .restartDeployment))
        let result = nextStep(LifecycleFixture.request(spec))
        #expect(result.phase == .failed)
        #expect(result.condition(LifecycleCondition.invalidSpec)?.status == .true)
        #expect(result.actions.isEmpty)
    }

    @Test("a manual request skips the decision (source Requested) and goes to the policy check")
    func manualRequest() throws {
        let request = LifecycleFixture.request(LifecycleFixture.manualSpec)
        let result = nextStep(request, LifecycleObservations(target: .found(LifecycleFixture.web)))
        let decision = try #require(result.status.decision)
        #expect(decision.source == .requested)
        #expect(decision.confidence == 1)
        #expect(result.condition(LifecycleCondition.decided)?.reason == "Requested")
        #expect(result.events.isEmpty, "the requester's own action is on record in the request: no Event")
        guard case .policyVerdict(let query)? = result.need else {
            Issue.record("expected a policy query, got \(String(describing: result.need))")
            return
        }
        #expect(query.action == .restartDeployment)
        #expect(query.target == LifecycleFixture.web)
    }

    @Test("a decision sets Decided with its source and asks for the verdict", arguments: DecisionSource.allCases.filter { $0 != .requested })
    func decided(source: DecisionSource) {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, decision: nil, policy: nil))
        let result = nextStep(request, LifecycleObservations(decision: .decided(LifecycleFixture.decision(source: source))))
        #expect(result.condition(LifecycleCondition.decided)?.reason == "\(source.rawValue)Decided")
        #expect(result.events.contains { $0.reason == "\(source.rawValue)Decided" })
        if case .policyVerdict? = result.need {} else { Issue.record("expected a policy query") }
    }

    @Test("decision outcomes that end the request", arguments: [
        (DecisionObservation.failed("LLM timed out and no rule matched"), RemediationPhase.escalated, "NoDecision"),
        (.decided(LifecycleFixture.decision(.notifyOnly)), .skipped, "NotifyOnly"),
        (.decided(LifecycleFixture.decision(.escalate)), .escalated, "EscalationRequested"),
        (.decided(LifecycleFixture.decision(confidence: 0.3)), .escalated, "LowConfidence"),
        (.decided(LifecycleFixture.decision(confidence: .nan)), .escalated, "LowConfidence"),
    ])
    func decisionEnds(observation: DecisionObservation, phase: RemediationPhase, reason: String) {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, decision: nil, policy: nil))
        let result = nextStep(request, LifecycleObservations(decision: observation))
        #expect(result.phase == phase)
        #expect(result.events.last?.reason == reason)
        #expect(result.status.conditions?.contains { $0.reason == reason } == true)
        #expect(result.executeOrder == nil)
    }
}
