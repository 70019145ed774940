import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import PropertyBased

/// Generators for histories, policies and proposals used by the property tests.
enum Gens {
    /// A generator choosing one of `values` (never empty here).
    static func pick<Value: Sendable>(_ values: [Value]) -> Generator<Value, Shrink.Integer<Int>> {
        Gen.int(in: 0...(values.count - 1)).map { values[$0] }
    }
    static let actions: [ActionName] = [.scaleDeployment, .restartDeployment, .increaseResources, .rollbackDeployment]

    /// One entry within the last 5 hours, with a random action, state, effectiveness and replica move.
    static let entry = zip(
        pick(actions), Gen.int(in: 0...300), pick(EntryState.allCases),
        Gen.double(in: 0...1), Gen.int(in: 1...8), Gen.int(in: 1...8), Gen.int(in: 0...1_000_000)
    ).map { action, minutes, state, effectiveness, from, to, id in
        ActionEntry(
            actionId: String(id, radix: 16), alert: "A", action: action, state: state,
            startedAt: Fixture.ago(Double(minutes)), before: ["replicas": .int(Int64(from))],
            after: ["replicas": .int(Int64(to))], effectiveness: effectiveness)
    }

    static let entries = entry.array(of: 0...40)

    /// Alert observations within the last 3 hours for two alert names.
    static let observations = zip(pick(["A", "B"]), Gen.bool, Gen.int(in: 0...180)).map { name, firing, minutes in
        AlertObservation(name: name, state: firing ? .firing : .resolved, at: Fixture.ago(Double(minutes)))
    }.array(of: 0...30)

    /// A policy spec with random guard rails (valid values only).
    static let spec = zip(
        Gen.bool, Gen.bool, Gen.double(in: 0...1), Gen.int(in: 0...6), Gen.int(in: 0...20), Gen.int(in: 1...60),
        Gen.int(in: 0...30)
    ).map { stop, dryRun, confidence, concurrent, rate, sameMinutes, anyMinutes in
        SafetyPolicySpec(
            emergencyStop: EmergencyStop(enabled: stop), mode: dryRun ? .dryRun : .enforce, minConfidence: confidence,
            maxConcurrent: concurrent, rateLimit: RateLimit(maxActions: rate, per: .hours(1)),
            coolingOff: CoolingOff(sameAction: .minutes(Int64(sameMinutes)), anyAction: .minutes(Int64(anyMinutes))))
    }

    static let specs = spec.array(of: 1...4)

    /// Counts for policies p0...p4, `extra` and the defaults.
    static let cluster = zip(Gen.int(in: 0...6), Gen.int(in: 0...120).array(of: 0...25)).map { executing, minutes in
        let counts = ScopeCounts(executing: executing, executedAt: minutes.map { Fixture.ago(Double($0)) })
        let names = (0..<5).map { "p\($0)" } + ["extra", PolicyDefaults.name]
        return ClusterState(counts: Dictionary(uniqueKeysWithValues: names.map { ($0, counts) }))
    }

    static let proposal = zip(pick(actions), Gen.double(in: 0...1)).map { action, confidence in
        let parameters: [String: JSONValue]
        switch action {
        case .scaleDeployment: parameters = ["replicas": 4]
        case .increaseResources: parameters = ["container": "app", "resource": "memory", "factor": 1.5]
        default: parameters = [:]
        }
        return Fixture.proposal(action, parameters: parameters, confidence: confidence)
    }

    static func policies(_ specs: [SafetyPolicySpec]) -> [SafetyPolicy] {
        specs.enumerated().map { Fixture.policy("p\($0.offset)", $0.element) }
    }
}
