import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// The SafetyPolicy controller on the local control plane. Every policy selects only the test's
/// namespace, so an emergency stop here never touches another test.
@Suite struct PolicyReconcilerTests {
    typealias F = ReconcilerFixture

    /// The informers the policy controller reads but does not run.
    static func readOnly(_ harness: ReconcilerHarness) -> [@Sendable () async -> Void] {
        [harness.env.informers.requests.run, harness.env.informers.histories.run, harness.env.informers.namespaces.run]
    }

    func read(_ harness: ReconcilerHarness, _ name: String) async throws -> SafetyPolicy {
        try await harness.client.get(SafetyPolicy.self, .safetyPolicies, name: name)
    }

    @Test func aSemanticallyInvalidPolicyIsNotReadyAndNamesTheFields() async throws {
        try await ReconcilerHarness.run("sp-invalid") { harness in
            // Both pass the CRD schema; only the operator's validation rejects them.
            let policy = try await harness.create(
                harness.policy("invalid", SafetyPolicySpec(
                    rateLimit: RateLimit(maxActions: 5, per: .zero),
                    oscillation: OscillationSettings(flapStartPercent: 20, flapStopPercent: 40))),
                .safetyPolicies)
            let name = policy.metadata.name ?? ""
            try await harness.running(PolicyController.make(env: harness.env), reading: Self.readOnly(harness)) {
                let stored = try await harness.eventually("Ready=False") {
                    try await read(harness, name)
                } until: { $0.status?.conditions?.condition(PolicyStatusComputation.readyCondition)?.status == .false }
                let ready = try #require(stored.status?.conditions?.condition(PolicyStatusComputation.readyCondition))
                #expect(ready.reason == "InvalidSpec")
                #expect(ready.message.contains("spec.rateLimit.per: must be longer than 0s"))
                #expect(ready.message.contains("spec.oscillation.flapStopPercent: 40.0 is above flapStartPercent 20.0"))
                #expect(stored.status?.observedGeneration == stored.metadata.generation)
                try await harness.eventually("an InvalidSpec Warning") {
                    try await harness.events(about: name, namespace: "default")
                } until: { $0.contains { $0.reason == "InvalidSpec" && $0.type == "Warning" } }
            }
        }
    }

    @Test func theEmergencyStopIsConfirmedInStatusPromptlyAndLiftedToo() async throws {
        try await ReconcilerHarness.run("sp-stop") { harness in
            let policy = try await harness.create(harness.policy("freeze", SafetyPolicySpec()), .safetyPolicies)
            let name = policy.metadata.name ?? ""
            try await harness.running(PolicyController.make(env: harness.env), reading: Self.readOnly(harness)) {
                try await harness.eventually("Ready") { try await read(harness, name) } until: {
                    $0.status?.conditions?.isTrue(PolicyStatusComputation.readyCondition) == true
                }
                var latencies: [Duration] = []
                for enabled in [true, false, true] {
                    let started = ContinuousClock.now
                    let patched = try await harness.client.patch(
                        SafetyPolicy.self, .safetyPolicies, name: name,
                        .merge(["spec": ["emergencyStop": ["enabled": .bool(enabled), "reason": "INC-42 test", "by": "alice"]]]))
                    let confirmed = try await harness.eventually("emergencyStop.active == \(enabled)", timeout: .seconds(10)) {
                        try await read(harness, name)
                    } until: {
                        $0.status?.emergencyStop?.active == enabled && $0.status?.observedGeneration == patched.metadata.generation
                    }
                    latencies.append(ContinuousClock.now - started)
                    #expect((confirmed.status?.emergencyStop?.since != nil) == enabled)
                    let rendered = String(decoding: harness.env.metrics.render(), as: UTF8.self)
                    #expect(rendered.contains("ballast_emergency_stop_active \(enabled ? 1 : 0)"))
                }
                print("emergency stop: spec patch to status confirmation (polling every 20 ms): \(latencies)")
                let rendered = String(decoding: harness.env.metrics.render(), as: UTF8.self)
                #expect(rendered.contains(#"ballast_reconcile_duration_seconds_count{controller="safetypolicy",result="success"}"#))
                // The second activation repeats the first: the recorder counts it on the same Event.
                let events = try await harness.eventually("stop, lift, stop events") {
                    try await harness.events(about: name, namespace: "default")
                } until: { $0.filter { $0.reason?.hasPrefix("EmergencyStop") == true }.reduce(0) { $0 + Int($1.count ?? 0) } >= 3 }
                // Only the stop's Events: breakers are cluster-wide per action, so other suites'
                // failures may open and close this policy's breakers meanwhile.
                let counts = Dictionary(
                    events.filter { $0.reason?.hasPrefix("EmergencyStop") == true }.map { ($0.reason ?? "", Int($0.count ?? 0)) },
                    uniquingKeysWith: +)
                #expect(counts == ["EmergencyStopActivated": 2, "EmergencyStopLifted": 1])
                let activated = try #require(events.first { $0.reason == "EmergencyStopActivated" })
                #expect(activated.type == "Warning" && activated.message?.contains("by alice: INC-42 test") == true)
                #expect(events.first { $0.reason == "EmergencyStopLifted" }?.type == "Normal")
            }
        }
    }

    @Test func countsAndAnOpenBreakerAreReportedAndTheBreakerClosesAfterASuccess() async throws {
        try await ReconcilerHarness.run("sp-breaker") { harness in
            let now = Date()
            let history = try await harness.history([
                F.entry(.uncordonNode, .failed, at: 3, relativeTo: now), F.entry(.uncordonNode, .failed, at: 2, relativeTo: now),
                F.entry(.uncordonNode, .failed, at: 1, relativeTo: now), F.entry(.restartDeployment, .dryRun, at: 1, relativeTo: now),
            ])
            var request = RemediationRequest(
                metadata: ObjectMeta(name: "rr-executing", namespace: harness.namespace),
                spec: RemediationRequestSpec(target: history.spec.target, action: RequestedAction(name: .restartDeployment)))
            request = try await harness.create(request, .remediationRequests)
            request.status = RemediationRequestStatus(phase: .executing)
            try await harness.client.updateStatus(request, .remediationRequests)
            let policy = try await harness.create(
                harness.policy("breaker", SafetyPolicySpec(circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 3, openFor: .minutes(30)))),
                .safetyPolicies)
            let name = policy.metadata.name ?? ""
            try await harness.running(
                PolicyController.make(env: harness.env, counterInterval: .milliseconds(200)), reading: Self.readOnly(harness)
            ) {
                let open = try await harness.eventually("breaker open, counts published") { try await read(harness, name) } until: {
                    $0.status?.circuitBreakers?.first?.state == .open && $0.status?.executing == 1
                }
                #expect(open.status?.circuitBreakers?.map(\.action) == [.uncordonNode])
                #expect(open.status?.circuitBreakers?.first?.failures == 3)
                #expect(open.status?.actionsInWindow == 3, "failed attempts count in the rate window; dry runs do not")
                let until = try #require(open.status?.circuitBreakers?.first?.until)
                #expect(abs(until.timeIntervalSince(now.addingTimeInterval(29 * 60))) < 1)

                // A success closes the breaker; the request leaving Executing frees its slot.
                var current = try await harness.client.get(
                    ActionHistory.self, .actionHistories, name: history.metadata.name ?? "", namespace: harness.namespace)
                current.status?.entries?.append(F.entry(.uncordonNode, .succeeded, at: 0, relativeTo: Date()))
                try await harness.client.updateStatus(current, .actionHistories)
                var executing = try await harness.client.get(
                    RemediationRequest.self, .remediationRequests, name: "rr-executing", namespace: harness.namespace)
                executing.status?.phase = .verifying
                try await harness.client.updateStatus(executing, .remediationRequests)
                let closed = try await harness.eventually("breaker closed, nothing executing") { try await read(harness, name) } until: {
                    $0.status?.circuitBreakers == nil && $0.status?.executing == 0 && $0.status?.actionsInWindow == 4
                }
                #expect(closed.status?.emergencyStop?.active == false)
                let events = try await harness.eventually("opened and closed events") {
                    try await harness.events(about: name, namespace: "default")
                } until: { $0.count >= 2 }
                #expect(Set(events.map { $0.reason ?? "" }) == ["CircuitBreakerOpened", "CircuitBreakerClosed"])
                #expect(events.count == 2)
                let rendered = String(decoding: harness.env.metrics.render(), as: UTF8.self)
                #expect(rendered.contains(#"ballast_circuit_breaker_state{breaker="uncordon_node"} 0"#))
            }
        }
    }

    @Test func timeAloneTurnsABreakerHalfOpenAndEmptiesTheRateWindow() async throws {
        try await ReconcilerHarness.run("sp-time") { harness in
            let now = Date()
            try await harness.history([
                F.entry(.expandPVC, .failed, at: 2 / 60, relativeTo: now), F.entry(.expandPVC, .failed, at: 1 / 60, relativeTo: now),
            ])
            let policy = try await harness.create(
                harness.policy("time", SafetyPolicySpec(
                    rateLimit: RateLimit(maxActions: 10, per: .seconds(30)),
                    circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 2, openFor: .seconds(22)))),
                .safetyPolicies)
            let name = policy.metadata.name ?? ""
            try await harness.running(PolicyController.make(env: harness.env), reading: Self.readOnly(harness)) {
                let open = try await harness.eventually("breaker open, two actions in the window") { try await read(harness, name) } until: {
                    $0.status?.circuitBreakers?.first?.state == .open && $0.status?.actionsInWindow == 2
                }
                #expect(open.status?.circuitBreakers?.map(\.action) == [.expandPVC])
                let halfOpen = try await harness.eventually("half-open, by the wake-up alone", timeout: .seconds(45)) {
                    try await read(harness, name)
                } until: { $0.status?.circuitBreakers?.first?.state == .halfOpen }
                #expect(halfOpen.status?.circuitBreakers?.first?.until == nil)
                try await harness.eventually("the rate window empties, by the wake-up alone", timeout: .seconds(45)) {
                    try await read(harness, name)
                } until: { $0.status?.actionsInWindow == 0 }
                let events = try await harness.eventually("opened and half-open events") {
                    try await harness.events(about: name, namespace: "default")
                } until: { $0.count >= 2 }
                #expect(Set(events.map { $0.reason ?? "" }) == ["CircuitBreakerOpened", "CircuitBreakerHalfOpen"])
            }
        }
    }
}
