import BallastAPI
import Foundation

/// How the RemediationRequest reconciler runs: the lifecycle's tunables plus what the
/// reconciler itself needs to know about its installation.
public struct RemediationSettings: Sendable {
    /// The lifecycle's tunables (attempts, windows, re-check intervals).
    public var lifecycle: LifecycleSettings
    /// The operator's own namespace: ActionHistories of cluster-scoped targets (nodes) live here.
    public var operatorNamespace: String
    /// The field manager recorded on every write.
    public var fieldManager: String
    /// Where (if anywhere) the process kills itself for crash tests; read once at startup.
    public var faultPoint: FaultPoint
    /// Lifecycle steps one reconcile may take before it gives up (a safety net against a
    /// lifecycle that never settles; a normal reconcile takes fewer than ten).
    public var maxStepsPerReconcile: Int
    /// Bounds on the target summary given to the decision engine.
    public var summaryBounds: TargetObservation.SummaryBounds

    /// The finalizer that keeps a request until its in-flight action is recorded.
    public static let finalizer = "ballast.dev/remediation"

    /// Creates settings; the fault point is read from the environment unless given.
    public init(
        operatorNamespace: String, lifecycle: LifecycleSettings = LifecycleSettings(), fieldManager: String = "ballast",
        faultPoint: FaultPoint = FaultPoint(), maxStepsPerReconcile: Int = 32,
        summaryBounds: TargetObservation.SummaryBounds = TargetObservation.SummaryBounds()
    ) {
        self.lifecycle = lifecycle
        self.operatorNamespace = operatorNamespace
        self.fieldManager = fieldManager
        self.faultPoint = faultPoint
        self.maxStepsPerReconcile = max(1, maxStepsPerReconcile)
        self.summaryBounds = summaryBounds
    }
}
