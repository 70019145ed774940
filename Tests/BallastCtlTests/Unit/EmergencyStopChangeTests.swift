import BallastAPI
import BallastCtl
import KubeTypes
import Testing

@Suite("EmergencyStopChange: what stop and resume write and when they are confirmed")
struct EmergencyStopChangeTests {
    @Test("stop sets enabled, reason and by; resume clears reason and by")
    func patches() {
        let stop = EmergencyStopChange.stop(policy: "default", reason: "INC-4711", by: "alice")
        #expect(stop.mergePatch == ["spec": ["emergencyStop": ["enabled": true, "reason": "INC-4711", "by": "alice"]]])
        let resume = EmergencyStopChange.resume(policy: "default")
        #expect(resume.mergePatch == ["spec": ["emergencyStop": ["enabled": false, "reason": nil, "by": nil]]])
        let noReason = EmergencyStopChange.stop(policy: "default", reason: nil, by: "alice")
        #expect(noReason.mergePatch["spec"]?["emergencyStop"]?["reason"] == .null)
    }

    @Test("confirmed only when the operator observed this generation and reports the wanted state", arguments: [
        // (generation, observedGeneration, active, wanted, confirmed)
        (Int64(2), Optional(Int64(2)), Optional(true), true, true),
        (2, 3, true, true, true),
        (2, 1, true, true, false),   // status is about an older spec
        (2, nil, nil, true, false),  // no operator wrote status
        (2, 2, false, true, false),  // operator saw it but reports inactive
        (2, 2, nil, false, true),    // no stop status means inactive
        (2, 2, true, false, false),  // resume not yet effective
    ])
    func confirmation(generation: Int64, observed: Int64?, active: Bool?, wanted: Bool, confirmed: Bool) {
        let policy = Fixtures.policy(name: "p", generation: generation, observedGeneration: observed, active: active)
        let change = wanted ? EmergencyStopChange.stop(policy: "p", reason: nil, by: "a") : .resume(policy: "p")
        #expect(change.isConfirmed(by: policy) == confirmed)
    }

    @Test("the policy stop creates holds only the stop, cluster-wide, marked as created by stop")
    func newPolicy() {
        let policy = EmergencyStopChange.stop(policy: "default", reason: "x", by: "alice").newPolicy
        #expect(policy.metadata.name == "default")
        #expect(policy.spec == SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true, reason: "x", by: "alice")))
        #expect(policy.metadata.annotations?[EmergencyStopChange.createdByAnnotation] == EmergencyStopChange.createdByValue)
        #expect(EmergencyStopChange.isOnlyAStop(policy))
    }

    @Test("resume deletes only a created policy nobody has given other settings")
    func onlyAStop() {
        var created = EmergencyStopChange.stop(policy: "default", reason: nil, by: "alice").newPolicy
        #expect(EmergencyStopChange.isOnlyAStop(created))
        created.spec.mode = .enforce
        #expect(!EmergencyStopChange.isOnlyAStop(created))
        let adminPolicy = Fixtures.policy(name: "default", stop: EmergencyStop(enabled: true))
        #expect(!EmergencyStopChange.isOnlyAStop(adminPolicy))
    }
}
