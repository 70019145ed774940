import CoreMetrics
import Synchronization

/// A swift-metrics factory that sums counters and collects timer samples by label and
/// dimensions, for asserting what the engine reports.
final class RecordingMetrics: MetricsFactory, Sendable {
    private let counters = Mutex<[String: Int64]>([:])
    private let timers = Mutex<[String: [Int64]]>([:])

    /// `label{k=v,…}` with dimensions sorted, e.g. `ballast_llm_requests_total{model=m,outcome=decided,provider=p}`.
    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        "\(label){\(dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ","))}"
    }

    func counter(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        counters.withLock { $0[Self.key(label, dimensions)] ?? 0 }
    }

    func timerSamples(_ label: String, _ dimensions: [(String, String)]) -> [Int64] {
        timers.withLock { $0[Self.key(label, dimensions)] ?? [] }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    fileprivate func add(_ key: String, _ amount: Int64) { counters.withLock { $0[key, default: 0] += amount } }
    fileprivate func sample(_ key: String, _ value: Int64) { timers.withLock { $0[key, default: []].append(value) } }

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let key: String
        let owner: RecordingMetrics

        init(key: String, owner: RecordingMetrics) {
            self.key = key
            self.owner = owner
        }

        func increment(by amount: Int64) { owner.add(key, amount) }
        func reset() {}
        func record(_ value: Int64) { owner.sample(key, value) }
        func record(_ value: Double) { owner.sample(key, Int64(value)) }
        func recordNanoseconds(_ duration: Int64) { owner.sample(key, duration) }
    }
}
