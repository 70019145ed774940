import BallastAPI

/// The values of the policy gauges, derived from every cached SafetyPolicy (pure).
///
/// `ballast_emergency_stop_active` is 1 while any policy that covers the operator's scope
/// requests a stop (a stop on another team's namespaces does not page this operator's on-call);
/// `ballast_circuit_breaker_state{breaker=<action>}` is, per catalog action, the strongest state
/// any policy's status reports for it (open over half-open over closed): breakers are per action
/// type, and policies differ only in their thresholds. Every catalog action gets a value, so a
/// breaker that closes, or whose policy is deleted, drops back to 0.
public struct PolicyGauges: Sendable, Hashable {
    /// Whether any policy covering the operator's scope requests an emergency stop.
    public var emergencyStop: Bool
    /// The state of every catalog action's breaker.
    public var breakers: [ActionName: CircuitState]

    /// The gauges for `policies`, with `statuses` (by policy name) replacing the cached status
    /// of those policies (a status just written, not yet in the cache).
    /// - Parameter coversScope: whether a policy covers any namespace the operator acts in.
    public init(
        policies: [SafetyPolicy], statuses: [String: SafetyPolicyStatus] = [:],
        coversScope: (SafetyPolicy) -> Bool = { _ in true }
    ) {
        emergencyStop = policies.contains { $0.spec.emergencyStop?.enabled == true && coversScope($0) }
        var breakers = Dictionary(uniqueKeysWithValues: ActionName.allCases.map { ($0, CircuitState.closed) })
        for policy in policies {
            let status = policy.metadata.name.flatMap { statuses[$0] } ?? policy.status
            for breaker in status?.circuitBreakers ?? [] where Self.rank(breaker.state) > Self.rank(breakers[breaker.action] ?? .closed) {
                breakers[breaker.action] = breaker.state
            }
        }
        self.breakers = breakers
    }

    private static func rank(_ state: CircuitState) -> Int {
        switch state {
        case .closed: return 0
        case .halfOpen: return 1
        case .open: return 2
        }
    }

    /// Sets the gauges in `metrics`.
    public func publish(to metrics: BallastMetrics) {
        metrics.setEmergencyStop(active: emergencyStop)
        for (action, state) in breakers.sorted(by: { $0.key < $1.key }) {
            metrics.setBreakerState(breaker: action.rawValue, state: state)
        }
    }
}
