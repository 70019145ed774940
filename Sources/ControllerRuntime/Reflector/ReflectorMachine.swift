/// The reflector's decisions as a pure state machine (kube-rs style): inputs are what the
/// list/watch calls returned, outputs are what to do next. No I/O, no clock, no global random
/// source; tests drive it with plain values.
///
/// States: `idle → listing → watching(rv)`; a failure goes to `backingOff(then:)`, which
/// resumes with a re-watch from the last resourceVersion (so nothing is missed and nothing is
/// relisted needlessly) or, when no version is known yet, a list. `410 Expired` relists at once
/// (a quorum read); `429` backs off at least `Retry-After` and re-watches without relisting.
public struct ReflectorMachine: Sendable {
    /// What the shell must do next.
    public enum Action: Sendable, Hashable {
        /// List everything with a quorum read (`resourceVersion` unset), then report
        /// ``ReflectorMachine/listSucceeded(resourceVersion:using:)`` or a failure.
        case list
        /// Watch from `resourceVersion` with bookmarks, asking the server to close the stream
        /// after `timeoutSeconds`.
        case watch(resourceVersion: String, timeoutSeconds: Int)
        /// Wait, then report ``ReflectorMachine/backoffElapsed(using:)``.
        case sleep(Duration)
    }

    private enum Phase: Sendable, Hashable {
        case idle
        case listing
        case watching
        case backingOff(relist: Bool)
    }

    /// The timing rules.
    public let configuration: ReflectorConfiguration
    private var phase = Phase.idle
    /// The newest resourceVersion seen (list, event or bookmark); `nil` before the first list.
    public private(set) var resourceVersion: String?
    private var consecutiveFailures = 0
    private var lastFailure: ContinuousClock.Instant?

    /// A machine that has not started.
    public init(configuration: ReflectorConfiguration = ReflectorConfiguration()) {
        self.configuration = configuration
    }

    /// Starts: the first step is always a list.
    public mutating func start() -> Action {
        phase = .listing
        return .list
    }

    /// The list returned a complete, consistent view at `resourceVersion`; the shell has
    /// replaced the cache with it. Next: watch from there.
    public mutating func listSucceeded(
        resourceVersion: String, using random: inout some RandomNumberGenerator
    ) -> Action {
        self.resourceVersion = resourceVersion
        return watch(using: &random)
    }

    /// An event or bookmark at `resourceVersion` arrived on the watch stream.
    public mutating func observed(resourceVersion: String) {
        guard phase == .watching, !resourceVersion.isEmpty else { return }
        self.resourceVersion = resourceVersion
    }

    /// The server closed the watch normally (its timeout): watch again from the last version.
    public mutating func watchEnded(using random: inout some RandomNumberGenerator) -> Action {
        guard resourceVersion != nil else { return start() }
        return watch(using: &random)
    }

    /// A list or watch failed at `now`.
    public mutating func failed(
        _ failure: ReflectorFailure, now: ContinuousClock.Instant,
        using random: inout some RandomNumberGenerator
    ) -> Action {
        if case .expired = failure {
            // The version is gone from etcd's history: only a fresh, consistent list helps.
            resourceVersion = nil
            return start()
        }
        if let lastFailure, now - lastFailure >= configuration.resetAfter { consecutiveFailures = 0 }
        lastFailure = now
        var delay = backoff(using: &random)
        consecutiveFailures += 1
        if case .tooManyRequests(let retryAfter?) = failure { delay = max(delay, retryAfter) }
        phase = .backingOff(relist: resourceVersion == nil)
        return .sleep(delay)
    }

    /// The backoff sleep is over: re-watch from the last version, or list if none is known.
    public mutating func backoffElapsed(using random: inout some RandomNumberGenerator) -> Action {
        guard case .backingOff(let relist) = phase, !relist, resourceVersion != nil else { return start() }
        return watch(using: &random)
    }

    /// The number of failures since the backoff last reset.
    public var failureCount: Int { consecutiveFailures }

    private mutating func watch(using random: inout some RandomNumberGenerator) -> Action {
        phase = .watching
        let timeout = Int.random(in: configuration.watchTimeoutSeconds, using: &random)
        return .watch(resourceVersion: resourceVersion ?? "", timeoutSeconds: timeout)
    }

    private func backoff(using random: inout some RandomNumberGenerator) -> Duration {
        let base = ExponentialFailureBackoff(
            base: configuration.initialBackoff, cap: configuration.maxBackoff
        ).delay(previousFailures: consecutiveFailures)
        let stretch = 1 + Double.random(in: 0...configuration.jitter, using: &random)
        return min(base * stretch, configuration.maxBackoff * (1 + configuration.jitter))
    }
}
