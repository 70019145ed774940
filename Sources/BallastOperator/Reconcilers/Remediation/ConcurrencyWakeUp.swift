import BallastAPI
import KubeTypes

/// Which waiting requests a change of another request may unblock (pure).
///
/// A request Blocked by `MaxConcurrent` waits for a slot; a slot frees when a request leaves
/// phase Executing (for Verifying or a final phase). Rather than wait for its periodic re-check,
/// every such Blocked request in scope is reconciled again at once; the policy check then
/// decides which of them gets the slot.
public enum ConcurrencyWakeUp {
    /// The keys to reconcile after `changed` was written; empty unless it just may have freed a
    /// slot (it is Verifying or finished).
    public static func keys(after changed: RemediationRequest, requests: [RemediationRequest], scope: NamespaceScope) -> [ObjectKey] {
        guard let phase = changed.status?.phase, phase == .verifying || phase.isTerminal else { return [] }
        return requests.filter { request in
            request.status?.phase == .blocked && scope.contains(request.metadata.namespace)
                && (request.status?.policy?.reasons ?? []).contains { $0.code == .maxConcurrent }
        }.map { ObjectKey($0.metadata) }
    }
}
