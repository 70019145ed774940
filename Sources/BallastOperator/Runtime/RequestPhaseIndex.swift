import BallastAPI
import ControllerRuntime
import KubeTypes

extension StoreIndex where Object == RemediationRequest {
    /// RemediationRequests by `status.phase` (`Pending` when no status was written yet), so
    /// the questions asked on every policy check and every slot freed ("which requests are
    /// Executing", "which are Blocked") read the few requests in that phase instead of copying
    /// the whole cache, which holds every finished request until it is deleted.
    public static var phase: StoreIndex {
        StoreIndex(RequestPhaseIndex.name) { [($0.status?.phase ?? .pending).rawValue] }
    }
}

/// Reads of the request cache through the ``StoreIndex/phase`` index.
public enum RequestPhaseIndex {
    /// The index's name.
    public static let name = "phase"

    /// The cached requests in any of `phases`.
    public static func requests(in phases: some Sequence<RemediationPhase>, of store: Store<RemediationRequest>) -> [RemediationRequest] {
        phases.flatMap { store.byIndex(name, $0.rawValue) }
    }

    /// The cached requests in phase Executing (what the cluster-wide concurrency counts see).
    public static func executing(of store: Store<RemediationRequest>) -> [RemediationRequest] {
        requests(in: [.executing], of: store)
    }

    /// The cached requests that are not finished (every phase but the terminal ones).
    public static func unfinished(of store: Store<RemediationRequest>) -> [RemediationRequest] {
        requests(in: RemediationPhase.allCases.filter { !$0.isTerminal }, of: store)
    }
}
