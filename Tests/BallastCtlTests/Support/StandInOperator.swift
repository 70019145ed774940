import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// Stands in for the operator's SafetyPolicy reconciler (not the real one): watches one policy
/// by polling and, once its spec asks for `enabled`, writes the status an operator would write
/// through `/status`.
struct StandInOperator: Sendable {
    let client: KubeClient

    /// Waits (at most `timeout`) until `policy`'s `spec.emergencyStop.enabled` equals `enabled`,
    /// then confirms it in status for the generation it saw.
    /// - Returns: Whether it confirmed.
    func confirm(policy name: String, enabled: Bool, timeout: Duration = .seconds(15)) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let policy = try? await client.get(SafetyPolicy.self, .safetyPolicies, name: name),
               (policy.spec.emergencyStop?.enabled ?? false) == enabled, let generation = policy.metadata.generation
            {
                let status: JSONValue = [
                    "observedGeneration": .int(generation),
                    "emergencyStop": ["active": .bool(enabled), "since": enabled ? .string(KubeTime.format(Date())) : .null],
                ]
                _ = try await client.patchStatus(SafetyPolicy.self, .safetyPolicies, name: name, .merge(["status": status]))
                return true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
