/// What a reconcile function asks for when it returns normally. Throwing means "failed": the
/// key is retried with per-key exponential backoff.
public enum ReconcileResult: Sendable, Hashable {
    /// Converged; reconcile again only when something changes.
    case done
    /// Look again after `after` (e.g. to re-check a cooldown). Not a failure: backoff resets.
    case requeue(after: Duration)
}

/// A reconcile that ran longer than the controller's limit; it was cancelled and counts as failed.
public struct ReconcileTimedOut: Error, Sendable, Hashable, CustomStringConvertible {
    /// The controller that ran it.
    public let controller: String
    /// The key it was reconciling.
    public let key: String
    /// The limit it exceeded.
    public let limit: Duration

    public var description: String {
        "controller \(controller): reconcile of \(key) exceeded \(limit) and was cancelled"
    }
}

/// A controller's run loop, as the manager sees it.
public protocol RunnableController: Sendable {
    /// The controller's name (metrics dimension, log label).
    var name: String { get }
    /// Runs informers and workers until ``shutDown()`` drains the workers or the task is cancelled.
    func run() async
    /// Stops intake: workers finish their current key and return.
    func shutDown()
}
