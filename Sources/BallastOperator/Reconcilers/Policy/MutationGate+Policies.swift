import BallastAPI
import BallastCore
import ControllerRuntime

extension MutationGate {
    /// The name reported when the SafetyPolicy cache is not synced yet: the gate fails closed.
    public static let unsyncedPolicies = "<SafetyPolicy cache not synced>"

    /// A gate reading the SafetyPolicy cache: it stops mutations of a target while any policy
    /// covering the target's namespace has its emergency stop enabled (the same coverage rule
    /// as the policy check, ``ScopeCounting/emergencyStops(policies:namespace:namespaceLabels:)``).
    ///
    /// Reads memory only (no API call), so consulting it before each operation costs
    /// microseconds, and a stop written to the API server reaches it as soon as the informer
    /// delivers the watch event. Fails closed: before the policy cache has synced it stops
    /// everything, naming ``unsyncedPolicies``.
    public static func emergencyStops(_ informers: OperatorInformers) -> MutationGate {
        MutationGate { target in
            guard informers.policies.store.hasSynced else { return [unsyncedPolicies] }
            return ScopeCounting.emergencyStops(
                policies: informers.policies.store.list(), namespace: target.namespace,
                namespaceLabels: informers.namespaceLabels)
        }
    }
}
