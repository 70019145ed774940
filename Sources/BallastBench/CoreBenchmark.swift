import ArgumentParser
import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// `ballast-bench core`: policy evaluation and oscillation detection over ActionHistories of
/// 100, 1,000 and 10,000 entries with 50 SafetyPolicies. Prints CPU ns/op and, to show
/// linearity, ns per entry relative to the smallest history (a ratio near 1.0 means linear);
/// then the cluster-wide counts over 1,000 and 10,000 histories (``clusterCounts(policies:now:)``).
struct CoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core", abstract: "Policy evaluation and oscillation detection (ns/op).")

    @Option(help: "Minimum measuring time per case, in milliseconds.")
    var milliseconds = 500

    @Option(help: "Number of SafetyPolicies.")
    var policies = 50

    @Option(help: "Distinct oscillation settings among the policies (each needs its own analysis).")
    var oscillationSettings = 5

    @Option(parsing: .upToNextOption, help: "History sizes (entries) to measure.")
    var sizes: [Int] = [100, 1_000, 10_000]

    func run() {
        let now = Date(timeIntervalSince1970: 1_795_608_000)
        let policySet = Self.policies(count: policies, distinctWindows: max(1, oscillationSettings))
        let proposal = ProposedAction(
            target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web"),
            namespaceLabels: ["team": "shop"], targetLabels: ["app": "web"], action: .scaleDeployment,
            parameters: ["replicas": 4], observed: ["replicas": 3], confidence: 0.9)
        let counts = ScopeCounts(executing: 1, executedAt: (0..<15).map { now.addingTimeInterval(Double(-$0 * 180)) })
        let names = policySet.compactMap(\.metadata.name) + [PolicyDefaults.name]
        let cluster = ClusterState(counts: Dictionary(uniqueKeysWithValues: names.map { ($0, counts) }))
        print("core benchmark: \(policies) policies, \(max(1, oscillationSettings)) distinct oscillation settings; CPU time per call")
        print("entries  evaluate ns/op  detect ns/op  evaluate ns/entry (ratio)  detect ns/entry (ratio)")
        var baseline: (Double, Double)?
        for size in sizes {
            let history = Self.history(entries: size, now: now)
            let evaluate = Self.measure(milliseconds: milliseconds) {
                PolicyEvaluator.evaluate(proposal, history: history, policies: policySet, cluster: cluster, now: now).reasons.count
            }
            let detect = Self.measure(milliseconds: milliseconds) {
                OscillationDetector.analyse(entries: history.entries, alerts: history.alerts, now: now).detections.count
            }
            let perEntry = (evaluate / Double(size), detect / Double(size))
            let reference = baseline ?? perEntry
            baseline = reference
            print(String(
                format: "%7d  %14.0f  %12.0f  %17.1f (%.2f)  %15.1f (%.2f)", size, evaluate, detect, perEntry.0,
                perEntry.0 / reference.0, perEntry.1, perEntry.1 / reference.1))
        }
        clusterCounts(policies: policySet, now: now)
    }

    /// The cluster-wide counts every policy check reads (``ScopeCounting``), over 1,000 and
    /// 10,000 histories of 20 entries each, spread over the default 30-day retention, in 20
    /// namespaces: digesting every history on each call (the reference) against reusing the
    /// digests of unchanged histories, as the operator does.
    func clusterCounts(policies policySet: [SafetyPolicy], now: Date) {
        print("cluster counts: \(policies) policies; CPU time per policy check")
        print("histories  every entry µs/op  cached digests µs/op  ratio")
        let namespaceLabels: [String: [String: String]] = Dictionary(uniqueKeysWithValues: (0..<20).map {
            ("ns-\($0)", ["team": $0 % 2 == 0 ? "shop" : "data"])
        })
        for count in [1_000, 10_000] {
            let histories = (0..<count).map { index in
                let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "ns-\(index % 20)", name: "web-\(index)")
                return ActionHistory(
                    metadata: ObjectMeta(name: "deployment-web-\(index)", namespace: target.namespace),
                    spec: ActionHistorySpec(target: target),
                    status: ActionHistoryStatus(entries: Self.spreadEntries(20, over: 30 * 86_400, seed: index, now: now)))
            }
            let digests = histories.map(HistoryDigest.init)
            let labels = { (name: String?) in name.flatMap { namespaceLabels[$0] } }
            let everyEntry = Self.measure(milliseconds: milliseconds) {
                ScopeCounting.clusterState(policies: policySet, requests: [], histories: histories, namespaceLabels: labels, now: now).counts.count
            }
            let cached = Self.measure(milliseconds: milliseconds) {
                ScopeCounting.clusterState(policies: policySet, requests: [], digests: digests, namespaceLabels: labels, now: now).counts.count
            }
            print(String(format: "%9d  %17.0f  %20.0f  %5.2f", count, everyEntry / 1000, cached / 1000, cached / everyEntry))
        }
    }

    /// Runs `body` repeatedly for at least `milliseconds` of this thread's CPU time and returns
    /// CPU nanoseconds per call. CPU time rather than wall time, because the build machines are
    /// shared and heavily loaded; wall-clock figures would mostly measure the other tenants.
    static func measure(milliseconds: Int, _ body: () -> Int) -> Double {
        var sink = 0
        for _ in 0..<3 { sink &+= body() }
        var iterations = 0
        let start = threadCPUNanoseconds()
        let budget = UInt64(milliseconds) * 1_000_000
        while threadCPUNanoseconds() - start < budget || iterations < 5 {
            sink &+= body()
            iterations += 1
        }
        let elapsed = threadCPUNanoseconds() - start
        if sink == Int.min { print("unreachable sink \(sink)") }
        return Double(elapsed) / Double(iterations)
    }

    /// CPU time consumed by the calling thread, in nanoseconds.
    static func threadCPUNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// `count` policies covering the target, with `distinctWindows` distinct oscillation windows
    /// and allow-lists with limits (the expensive shapes).
    static func policies(count: Int, distinctWindows: Int) -> [SafetyPolicy] {
        (0..<count).map { index in
            SafetyPolicy(metadata: ObjectMeta(name: "policy-\(index)"), spec: SafetyPolicySpec(
                namespaceSelector: index % 2 == 0 ? LabelSelector(matchLabels: ["team": "shop"]) : nil,
                excludedNamespaces: ["kube-system"], minConfidence: 0.5 + Double(index % 5) / 10,
                maxConcurrent: 5 + index, rateLimit: RateLimit(maxActions: 20 + index, per: .hours(1)),
                coolingOff: CoolingOff(sameAction: .minutes(1), anyAction: .seconds(30)),
                oscillation: OscillationSettings(window: .hours(Int64(2 + index % distinctWindows))),
                actions: [
                    ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 20, "maxStep": 3]),
                    ActionPolicy(name: .restartDeployment),
                ]))
        }
    }

    /// `count` entries at pseudo-random instants within `seconds` before `now` (deterministic in
    /// `seed`), every seventh one failed.
    static func spreadEntries(_ count: Int, over seconds: Int, seed: Int, now: Date) -> [ActionEntry] {
        let actions: [ActionName] = [.scaleDeployment, .restartDeployment, .increaseResources, .deletePod]
        return (0..<count).map { index in
            let offset = (seed &* 7_919 &+ index &* 104_729) % seconds
            return ActionEntry(
                actionId: "bench-\(seed)-\(index)", action: actions[index % actions.count],
                state: index % 7 == 0 ? .failed : .succeeded, startedAt: now.addingTimeInterval(-Double(offset)))
        }
    }

    /// A history of `entries` actions spread over the last two hours (so all are inside every
    /// window and retention keeps them all) and one alert observation per entry.
    static func history(entries count: Int, now: Date) -> TargetHistory {
        let actions: [ActionName] = [.scaleDeployment, .restartDeployment, .increaseResources, .deletePod]
        let step = 7200.0 / Double(count)
        let entries = (0..<count).map { index -> ActionEntry in
            let from: Int64 = index % 3 == 0 ? 4 : 3
            let startedAt = now.addingTimeInterval(-7200 + Double(index) * step)
            let state: EntryState = index % 7 == 0 ? .failed : .succeeded
            return ActionEntry(
                actionId: "bench-\(index)", alert: "KubePodNotReady", action: actions[index % actions.count],
                state: state, startedAt: startedAt, before: ["replicas": .int(from)], after: ["replicas": .int(7 - from)],
                effectiveness: Double(index % 10) / 10)
        }
        let alerts = (0..<count).map { index -> AlertObservation in
            let name = index % 5 == 0 ? "KubePodCrashLooping" : "KubePodNotReady"
            let state: AlertState = index % 2 == 0 ? .firing : .resolved
            return AlertObservation(name: name, state: state, at: now.addingTimeInterval(-7200 + (Double(index) + 0.5) * step))
        }
        return TargetHistory(entries: entries, alerts: alerts, retention: RetentionSettings(maxEntries: count))
    }
}
