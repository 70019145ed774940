import BallastAPI
import ControllerRuntime
import KubeTypes

/// Which waiting requests a change of another request may unblock (pure).
///
/// A request Blocked by `MaxConcurrent` waits for a slot; a slot frees when a request leaves
/// phase Executing (for Verifying or a final phase). Rather than wait for its periodic re-check,
/// every such Blocked request in scope is reconciled again at once; the policy check then
/// decides which of them gets the slot.
public enum ConcurrencyWakeUp {
    /// Whether `change` may free a slot: a request left phase Executing (for Verifying or a
    /// final phase), or vanished in it. Other changes wake nobody, so the common update costs
    /// no scan of the requests.
    public static func freesSlot(_ change: StoreChange<RemediationRequest>) -> Bool {
        switch change {
        case .added: return false
        case .deleted(let request): return request.status?.phase == .executing
        case .updated(let old, let new): return old.status?.phase == .executing && new.status?.phase != .executing
        }
    }

    /// The requests in scope Blocked by `MaxConcurrent`, to reconcile once a slot freed.
    public static func blocked(in requests: [RemediationRequest], scope: NamespaceScope) -> [ObjectKey] {
        requests.filter { request in
            request.status?.phase == .blocked && scope.contains(request.metadata.namespace)
                && (request.status?.policy?.reasons ?? []).contains { $0.code == .maxConcurrent }
        }.map { ObjectKey($0.metadata) }
    }
}
