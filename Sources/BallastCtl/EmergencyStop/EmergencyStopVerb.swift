import BallastAPI
import KubeClient
import KubeTypes

/// `kubectl ballast stop` and `resume`: writes `spec.emergencyStop` of one SafetyPolicy, then
/// reads the policy back until an operator confirms the change in its status.
public struct EmergencyStopVerb: Sendable {
    /// The connection.
    public var session: CtlSession
    /// The SafetyPolicy to change (`default`, the one `config/default` installs).
    public var policyName: String
    /// How long to wait for an operator's confirmation.
    public var timeout: GoDuration
    /// How often to read the policy back while waiting.
    public var pollInterval: Duration

    /// The policy `config/default` installs.
    public static let defaultPolicyName = "default"

    /// Creates the verb.
    public init(session: CtlSession, policyName: String = defaultPolicyName, timeout: GoDuration = .seconds(10),
                pollInterval: Duration = .milliseconds(200)) {
        self.session = session
        self.policyName = policyName
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    private var object: ObjectName { ObjectName(kind: "safetypolicy", name: policyName) }

    /// Sets the emergency stop (creating the policy with only the stop when it does not exist)
    /// and waits for an operator to confirm it.
    /// - Returns: What was done; its ``EmergencyStopResult/unconfirmed`` is the exit-3 error
    ///   when no operator confirmed within ``timeout`` (the spec change stands).
    /// - Throws: ``CtlError`` (`.forbidden`, `.api`) when the policy cannot be read or written.
    public func stop(reason: String?) async throws(CtlError) -> EmergencyStopResult {
        let change = EmergencyStopChange.stop(policy: policyName, reason: reason, by: session.identity)
        var result = EmergencyStopResult(change: change, timeout: timeout)
        if let existing = try await readPolicy() {
            result.wasAlready = existing.spec.emergencyStop?.enabled == true
            try await patch(change)
        } else {
            result.created = try await create(change)
            if !result.created { try await patch(change) }
        }
        try await confirm(change, into: &result)
        result.otherStops = await otherActiveStops()
        return result
    }

    /// Clears the emergency stop and waits for an operator to confirm it; a policy that `stop`
    /// created and nobody changed since is deleted instead.
    /// - Returns: What was done; its ``EmergencyStopResult/unconfirmed`` is the exit-3 error
    ///   when no operator confirmed within ``timeout`` (the spec change stands).
    /// - Throws: ``CtlError``: `.notFound` when the policy does not exist, `.forbidden` or
    ///   `.api` when it cannot be read or written.
    public func resume() async throws(CtlError) -> EmergencyStopResult {
        let change = EmergencyStopChange.resume(policy: policyName)
        var result = EmergencyStopResult(change: change, timeout: timeout)
        guard let existing = try await readPolicy() else {
            throw CtlError(.notFound, "\(object) not found: there is no emergency stop on it to resume")
        }
        result.wasAlready = existing.spec.emergencyStop?.enabled != true
        if EmergencyStopChange.isOnlyAStop(existing) {
            try await delete(existing)
            result.deleted = true
        } else {
            try await patch(change)
            try await confirm(change, into: &result)
        }
        result.otherStops = await otherActiveStops()
        return result
    }

    private func readPolicy() async throws(CtlError) -> SafetyPolicy? {
        do throws(KubeError) {
            return try await session.client.get(SafetyPolicy.self, .safetyPolicies, name: policyName)
        } catch where error.code == .notFound {
            return nil
        } catch {
            throw CtlError(error, object: object, verb: "get")
        }
    }

    private func patch(_ change: EmergencyStopChange) async throws(CtlError) {
        do throws(KubeError) {
            _ = try await session.client.patch(
                SafetyPolicy.self, .safetyPolicies, name: policyName, .merge(change.mergePatch),
                fieldManager: CtlSession.fieldManager)
        } catch {
            throw CtlError(error, object: object, verb: "patch")
        }
    }

    /// Creates the stop-only policy; `false` when someone created the policy meanwhile.
    private func create(_ change: EmergencyStopChange) async throws(CtlError) -> Bool {
        do throws(KubeError) {
            _ = try await session.client.create(
                change.newPolicy, .safetyPolicies, fieldManager: CtlSession.fieldManager)
            return true
        } catch where error.code == .alreadyExists {
            return false
        } catch {
            throw CtlError(error, object: object, verb: "create")
        }
    }

    /// Deletes `policy` if it is still the version read (a concurrent edit wins: 409).
    private func delete(_ policy: SafetyPolicy) async throws(CtlError) {
        let preconditions = DeleteOptions.Preconditions(uid: policy.metadata.uid, resourceVersion: policy.metadata.resourceVersion)
        do throws(KubeError) {
            try await session.client.delete(.safetyPolicies, name: policyName, options: DeleteOptions(preconditions: preconditions))
        } catch where error.code == .conflict {
            throw CtlError(.refused, "\(object) changed while resuming; run resume again to see its new state")
        } catch {
            throw CtlError(error, object: object, verb: "delete")
        }
    }

    /// Reads the policy until ``EmergencyStopChange/isConfirmed(by:)`` (setting
    /// `confirmedAfter`) or the timeout (leaving it `nil`).
    private func confirm(_ change: EmergencyStopChange, into result: inout EmergencyStopResult) async throws(CtlError) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(timeout.milliseconds)
        while true {
            guard let policy = try await readPolicy() else {
                throw CtlError(.notFound, "\(object) was deleted while waiting for the operator to confirm the emergency stop")
            }
            result.policy = policy
            if change.isConfirmed(by: policy) {
                result.confirmedAfter = clock.now - start
                return
            }
            let now = clock.now
            guard now < deadline, !Task.isCancelled else { return }
            try? await Task.sleep(for: min(pollInterval, deadline - now))
        }
    }

    /// Other policies whose emergency stop is set (best effort: empty when listing fails).
    private func otherActiveStops() async -> [SafetyPolicy] {
        let policies = try? await session.client.listAll(SafetyPolicy.self, .safetyPolicies)
        return (policies?.items ?? []).filter {
            $0.metadata.name != policyName && $0.spec.emergencyStop?.enabled == true
        }
    }
}
