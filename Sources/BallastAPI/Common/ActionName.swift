/// The name of an action in Ballast's fixed catalog (api.md, "Actions").
///
/// The set is closed: an LLM answer, a rule or a request naming anything else is rejected, never
/// mapped to a nearby action.
public enum ActionName: String, APIEnum, Comparable {
    case scaleDeployment = "scale_deployment"
    case scaleStatefulSet = "scale_statefulset"
    case restartDeployment = "restart_deployment"
    case restartStatefulSet = "restart_statefulset"
    case restartDaemonSet = "restart_daemonset"
    case rollbackDeployment = "rollback_deployment"
    case increaseResources = "increase_resources"
    case deletePod = "delete_pod"
    case updateHPA = "update_hpa"
    case cordonNode = "cordon_node"
    case uncordonNode = "uncordon_node"
    case drainNode = "drain_node"
    case expandPVC = "expand_pvc"
    case collectDiagnostics = "collect_diagnostics"
    case notifyOnly = "notify_only"
    case escalate = "escalate"

    /// Orders actions by their wire name, so lists of actions print deterministically.
    public static func < (lhs: ActionName, rhs: ActionName) -> Bool { lhs.rawValue < rhs.rawValue }
}
