/// Heartbeat bookkeeping for one provider: `unhealthyAfter` consecutive failed probes mark it
/// unhealthy, `healthyAfter` consecutive successes mark it healthy again (defaults 3 and 2, as
/// in the seed system). A provider starts healthy so the first decision is not delayed.
public struct ProviderHealth: Sendable, Hashable {
    /// Consecutive failures that mark the provider unhealthy.
    public let unhealthyAfter: Int
    /// Consecutive successes that mark it healthy again.
    public let healthyAfter: Int
    /// Whether decisions may use the provider.
    public private(set) var isHealthy = true
    private var failures = 0
    private var successes = 0

    /// Creates a healthy record.
    public init(unhealthyAfter: Int = 3, healthyAfter: Int = 2) {
        self.unhealthyAfter = max(1, unhealthyAfter)
        self.healthyAfter = max(1, healthyAfter)
    }

    /// Records one probe result.
    public mutating func record(probeSucceeded: Bool) {
        if probeSucceeded {
            failures = 0
            successes += 1
            if successes >= healthyAfter { isHealthy = true }
        } else {
            successes = 0
            failures += 1
            if failures >= unhealthyAfter { isHealthy = false }
        }
    }
}
