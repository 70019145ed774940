import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

/// One row per reason code: a single policy `p` (or none), a proposal, a history and counts, and
/// the verdict, the code and the exact retryAfter expected.
struct ReasonCase: Sendable, CustomTestStringConvertible {
    var name: String
    var spec: SafetyPolicySpec? = SafetyPolicySpec()
    var proposal: ProposedAction = Fixture.proposal()
    var entries: [ActionEntry] = []
    var cluster: ClusterState = Fixture.quiet(["p", PolicyDefaults.name])
    var code: PolicyReasonCode
    var verdict: PolicyVerdict
    var retryAfter: Date? = nil
    var testDescription: String { name }
}

@Suite struct ReasonCodeTests {
    static let cases: [ReasonCase] = [
        ReasonCase(name: "EmergencyStop", spec: SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true, reason: "incident", by: "bob")),
                   code: .emergencyStop, verdict: .denied),
        ReasonCase(name: "DryRunMode by policy", spec: SafetyPolicySpec(mode: .dryRun), code: .dryRunMode, verdict: .allowed),
        ReasonCase(name: "DryRunMode without any policy", spec: nil, code: .dryRunMode, verdict: .allowed),
        ReasonCase(name: "NamespaceExcluded", spec: SafetyPolicySpec(excludedNamespaces: ["kube-system", "shop"]),
                   code: .namespaceExcluded, verdict: .denied),
        ReasonCase(name: "TargetNotSelected", spec: SafetyPolicySpec(targetSelector: LabelSelector(matchLabels: ["ballast.dev/managed": "true"])),
                   code: .targetNotSelected, verdict: .denied),
        ReasonCase(name: "ActionNotAllowed by allow-list", spec: SafetyPolicySpec(actions: [ActionPolicy(name: .scaleDeployment)]),
                   code: .actionNotAllowed, verdict: .denied),
        ReasonCase(name: "ActionNotAllowed outside the safe set",
                   proposal: Fixture.proposal(.rollbackDeployment), code: .actionNotAllowed, verdict: .denied),
        ReasonCase(name: "LimitExceeded", spec: SafetyPolicySpec(actions: [ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 5])]),
                   proposal: Fixture.proposal(.scaleDeployment, parameters: ["replicas": 6]), code: .limitExceeded, verdict: .denied),
        ReasonCase(name: "LowConfidence 0.79 < 0.8", proposal: Fixture.proposal(confidence: 0.79), code: .lowConfidence, verdict: .requiresApproval),
        ReasonCase(name: "CoolingOff same action 5m ago, 10m window",
                   entries: [Fixture.entry(.restartDeployment, at: 5)], code: .coolingOff, verdict: .denied,
                   retryAfter: Fixture.now.addingTimeInterval(5 * 60)),
        ReasonCase(name: "CoolingOff any action 1m ago, 2m window",
                   entries: [Fixture.entry(.scaleDeployment, at: 1)], code: .coolingOff, verdict: .denied,
                   retryAfter: Fixture.now.addingTimeInterval(60)),
        ReasonCase(name: "RateLimited 4 in 1h, max 3", spec: SafetyPolicySpec(rateLimit: RateLimit(maxActions: 3, per: .hours(1))),
                   cluster: ClusterState(counts: ["p": ScopeCounts(executing: 0, executedAt: [50, 40, 30, 10, 70].map(Fixture.ago))]),
                   code: .rateLimited, verdict: .denied, retryAfter: Fixture.now.addingTimeInterval(20 * 60)),
        ReasonCase(name: "MaxConcurrent 2 of 2", spec: SafetyPolicySpec(maxConcurrent: 2),
                   cluster: ClusterState(counts: ["p": ScopeCounts(executing: 2, executedAt: [])]), code: .maxConcurrent, verdict: .denied),
        ReasonCase(name: "CircuitOpen after 3 failures",
                   entries: [30, 20, 10].map { Fixture.entry(.restartDeployment, at: $0, state: .failed) },
                   code: .circuitOpen, verdict: .denied, retryAfter: Fixture.now.addingTimeInterval(20 * 60)),
        ReasonCase(name: "OscillationDetected (critical scale oscillation blocks any action)",
                   entries: [Fixture.scale(3, 6, at: 50), Fixture.scale(6, 3, at: 40), Fixture.scale(3, 6, at: 30),
                             Fixture.scale(6, 3, at: 20), Fixture.scale(3, 6, at: 10)],
                   code: .oscillationDetected, verdict: .denied, retryAfter: Fixture.now.addingTimeInterval(50 * 60)),
        ReasonCase(name: "ApprovalRequired by allow-list", spec: SafetyPolicySpec(actions: [ActionPolicy(name: .restartDeployment, requireApproval: true)]),
                   code: .approvalRequired, verdict: .requiresApproval),
        ReasonCase(name: "InvalidParameters", proposal: Fixture.proposal(.scaleDeployment, parameters: ["replicas": 5000]),
                   code: .invalidParameters, verdict: .denied),
        ReasonCase(name: "InvalidParameters for a confidence that is not a probability",
                   proposal: Fixture.proposal(confidence: .nan), code: .invalidParameters, verdict: .denied),
        ReasonCase(name: "PolicyInvalid fails closed", spec: SafetyPolicySpec(minConfidence: 1.5), code: .policyInvalid, verdict: .denied),
    ]

    @Test(arguments: cases)
    func eachReasonCodeWithItsNumbers(_ row: ReasonCase) {
        let policies = row.spec.map { [Fixture.policy("p", $0)] } ?? []
        let verdict = PolicyEvaluator.evaluate(
            row.proposal, history: TargetHistory(entries: row.entries), policies: policies, cluster: row.cluster,
            now: Fixture.now)
        #expect(verdict.decision == row.verdict)
        let reason = verdict.reasons.first { $0.code == row.code }
        #expect(reason != nil, "reasons: \(verdict.reasons.map(\.code))")
        #expect(reason?.retryAfter == row.retryAfter)
        if row.retryAfter != nil, verdict.reasons.filter({ $0.effect == .deny }).count == 1 {
            #expect(verdict.retryAfter == row.retryAfter)
        }
    }

    @Test func aQuietEnforcingPolicyAllowsWithoutReasons() {
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [Fixture.policy("p")],
            cluster: Fixture.quiet(["p"]), now: Fixture.now)
        #expect(verdict.decision == .allowed)
        #expect(verdict.reasons.isEmpty)
        #expect(!verdict.dryRun)
        #expect(verdict.policies == ["p"])
    }

    @Test func noPolicyMeansBuiltInDefaultsInDryRun() {
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [], cluster: Fixture.quiet([PolicyDefaults.name]),
            now: Fixture.now)
        #expect(verdict.policies == [PolicyDefaults.name])
        #expect(verdict.dryRun)
        #expect(verdict.status.reasons.first?.message.contains("no SafetyPolicy covers the target") == true)
    }

    @Test func emergencyStopLeavesReadOnlyActionsAllowed() {
        let stop = Fixture.policy("p", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true)))
        for action in [ActionName.collectDiagnostics, .notifyOnly, .escalate] {
            let verdict = PolicyEvaluator.evaluate(
                Fixture.proposal(action), history: TargetHistory(), policies: [stop], cluster: ClusterState(), now: Fixture.now)
            #expect(verdict.decision == .allowed, "\(action)")
        }
    }

    @Test func countsMissingForAPolicyFailClosed() {
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [Fixture.policy("p")], cluster: ClusterState(),
            now: Fixture.now)
        #expect(verdict.decision == .denied)
        #expect(verdict.has(.rateLimited) && verdict.has(.maxConcurrent))
        #expect(verdict.retryAfter == nil)
    }

    @Test func policiesOutsideTheNamespaceSelectorDoNotApply() {
        let other = Fixture.policy("other", SafetyPolicySpec(
            emergencyStop: EmergencyStop(enabled: true), namespaceSelector: LabelSelector(matchLabels: ["team": "payments"])))
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [other, Fixture.policy("p")],
            cluster: Fixture.quiet(["p"]), now: Fixture.now)
        #expect(verdict.policies == ["p"])
        #expect(verdict.decision == .allowed)
    }

    @Test func clusterScopedTargetsOnlyGetPoliciesWithoutNamespaceSelector() {
        let node = TargetReference(apiVersion: "v1", kind: "Node", name: "n1")
        var proposal = Fixture.proposal(.cordonNode, target: node)
        proposal.namespaceLabels = nil
        let selective = Fixture.policy("selective", SafetyPolicySpec(namespaceSelector: LabelSelector(matchLabels: ["team": "shop"])))
        let verdict = PolicyEvaluator.evaluate(
            proposal, history: TargetHistory(), policies: [selective], cluster: Fixture.quiet([PolicyDefaults.name]), now: Fixture.now)
        #expect(verdict.policies == [PolicyDefaults.name])
    }

    @Test func mostRestrictiveWinsAcrossPolicies() {
        let lenient = Fixture.policy("lenient", SafetyPolicySpec(minConfidence: 0.5))
        let strict = Fixture.policy("strict", SafetyPolicySpec(minConfidence: 0.95))
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(confidence: 0.9), history: TargetHistory(), policies: [lenient, strict],
            cluster: Fixture.quiet(["lenient", "strict"]), now: Fixture.now)
        #expect(verdict.decision == .requiresApproval)
        #expect(verdict.reasons.map(\.source) == ["strict"])
        #expect(verdict.status.reasons == [PolicyReason(code: .lowConfidence, message: "strict: confidence 0.90 is below minConfidence 0.95")])
    }

    @Test func retryAfterIsNilWhenAnyDenialIsNotTimeBound() {
        let stop = Fixture.policy("p", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true)))
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(entries: [Fixture.entry(.restartDeployment, at: 1)]),
            policies: [stop], cluster: Fixture.quiet(["p"]), now: Fixture.now)
        #expect(verdict.has(.coolingOff) && verdict.has(.emergencyStop))
        #expect(verdict.retryAfter == nil)
    }

    @Test func requestNarrowingAndModesApply() {
        var proposal = Fixture.proposal()
        proposal.allowedActions = [.scaleDeployment]
        proposal.mode = .requireApproval
        let verdict = PolicyEvaluator.evaluate(
            proposal, history: TargetHistory(), policies: [Fixture.policy("p")], cluster: Fixture.quiet(["p"]), now: Fixture.now)
        #expect(verdict.decision == .denied)
        #expect(verdict.has(.actionNotAllowed) && verdict.has(.approvalRequired))
        #expect(verdict.reasons.first?.code == .actionNotAllowed)
    }

    @Test func escalatePreventionIsSurfaced() {
        let spec = SafetyPolicySpec(oscillation: OscillationSettings(onDetect: .escalate))
        let entries = [Fixture.scale(3, 6, at: 50), Fixture.scale(6, 3, at: 40), Fixture.scale(3, 6, at: 30),
                       Fixture.scale(6, 3, at: 20), Fixture.scale(3, 6, at: 10)]
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(entries: entries), policies: [Fixture.policy("p", spec)],
            cluster: Fixture.quiet(["p"]), now: Fixture.now)
        #expect(verdict.escalate)
        #expect(verdict.decision == .denied)
    }
}

@Suite struct ReasonMergingTests {
    @Test func identicalReasonsFromSeveralPoliciesBecomeOne() {
        let stop = SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true))
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [Fixture.policy("b", stop), Fixture.policy("a", stop)],
            cluster: Fixture.quiet(["a", "b"]), now: Fixture.now)
        #expect(verdict.reasons.count == 1)
        #expect(verdict.status.reasons == [PolicyReason(code: .emergencyStop, message: "a, b: emergency stop is enabled")])
    }
}
