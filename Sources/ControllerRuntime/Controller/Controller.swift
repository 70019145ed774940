import CoreMetrics
import KubeClient
import KubeTypes
import Logging
import Synchronization

/// Runs a reconcile function for the objects of one primary resource with N workers.
///
/// * Keys come from the primary informer (every add, update and delete) and from secondary
///   informers through a mapping (``watches(_:map:)``, or owner references with ``owns(_:ownerKind:)``).
/// * No reconcile starts before every informer's first list is in its cache.
/// * A key is never reconciled by two workers at once; a failing key backs off per key and
///   globally (see ``WorkQueue``); a reconcile that throws or exceeds the time limit is logged,
///   counted and retried, and never stops the other workers.
/// * The controller runs the informers it was given; give each informer to one controller.
public final class Controller<Object: KubernetesObject>: RunnableController {
    /// Reconciles one object by key; reads the cache or the API, converges, returns or throws.
    public typealias Reconcile = @Sendable (ObjectKey) async throws -> ReconcileResult

    /// The controller's name: the metrics dimension and log label.
    public let name: String
    /// The controller's queue (its snapshot is the queue depth).
    public let queue: WorkQueue<ObjectKey>
    /// The primary informer; its store is the cache reconcilers usually read.
    public let primary: Informer<Object>
    private let workers: Int
    private let reconcileTimeout: Duration?
    private let reconcile: Reconcile
    private let sources = Mutex<[Source]>([])
    private let metrics: ControllerMetrics
    private let logger: Logger

    private struct Source: Sendable {
        let run: @Sendable () async -> Void
        let waitUntilSynced: @Sendable () async -> Void
    }

    /// A controller of `primary`'s objects.
    /// - Parameters:
    ///   - workers: reconciles that may run at once (for different keys).
    ///   - reconcileTimeout: a reconcile running longer is cancelled and counted as failed.
    ///   - metricsFactory: where reconcile duration, errors and queue depth go.
    public init(
        name: String, primary: Informer<Object>, workers: Int = 1,
        queue: WorkQueueConfiguration = WorkQueueConfiguration(), reconcileTimeout: Duration? = .seconds(600),
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
        logger: Logger = Logger(label: "ballast.controller"), reconcile: @escaping Reconcile
    ) {
        self.name = name
        self.primary = primary
        self.workers = max(1, workers)
        self.queue = WorkQueue(configuration: queue)
        self.reconcileTimeout = reconcileTimeout
        self.reconcile = reconcile
        self.metrics = ControllerMetrics(controller: name, factory: metricsFactory)
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
        watches(primary) { [ObjectKey($0.metadata)] }
    }

    /// Also reconciles the keys `map` returns for every change of `informer`'s objects (for a
    /// deletion, of the object's last state).
    /// - Parameter runsInformer: whether this controller runs `informer` (the default). Pass
    ///   `false` when another controller runs it (an informer must run once): this controller
    ///   then only listens, and still waits for its cache to sync before its first reconcile.
    public func watches<Other: KubernetesObject>(
        _ informer: Informer<Other>, runsInformer: Bool = true, map: @escaping @Sendable (Other) -> [ObjectKey]
    ) {
        watchesChanges(informer, runsInformer: runsInformer) { map($0.object) }
    }

    /// Also reconciles the keys `map` returns for every change of `informer`'s objects, given
    /// the whole change (for an update, the old and the new object), so a watch can ignore
    /// changes that cannot matter (e.g. status-only updates).
    public func watchesChanges<Other: KubernetesObject>(
        _ informer: Informer<Other>, runsInformer: Bool = true, map: @escaping @Sendable (StoreChange<Other>) -> [ObjectKey]
    ) {
        let queue = queue
        let metrics = metrics
        let logger = logger
        informer.addHandler { change in
            for key in map(change) where queue.add(key) == .rejectedFull {
                logger.warning("work queue full; dropped key until its next change", metadata: ["key": "\(key)"])
            }
            metrics.queueDepth.record(queue.snapshot.ready)
        }
        let source = Source(
            run: { if runsInformer { await informer.run() } }, waitUntilSynced: { await informer.store.waitUntilSynced() })
        sources.withLock { $0.append(source) }
    }

    /// Also reconciles the controller owner (of kind `ownerKind`) of every changed object of
    /// `informer`: the owned object's namespace and the owner reference's name.
    public func owns<Other: KubernetesObject>(_ informer: Informer<Other>, ownerKind: String) {
        watches(informer) { object in
            guard let owner = object.metadata.controllerReference, owner.kind == ownerKind else { return [] }
            return [ObjectKey(namespace: object.metadata.namespace, name: owner.name)]
        }
    }

    /// Runs the informers, waits for their caches, then runs the workers until ``shutDown()``
    /// lets them drain (the informers are then cancelled) or the task is cancelled.
    public func run() async {
        let sources = sources.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            for source in sources { group.addTask { await source.run() } }
            for source in sources { await source.waitUntilSynced() }
            if !Task.isCancelled {
                logger.info("caches synced; starting workers", metadata: ["workers": "\(workers)"])
                await withTaskGroup(of: Void.self) { workers in
                    for _ in 0..<self.workers { workers.addTask { await self.work() } }
                }
            }
            group.cancelAll()
        }
    }

    /// Stops intake; running reconciles finish, then ``run()`` returns.
    public func shutDown() {
        queue.shutDown()
    }

    private func work() async {
        while let key = await queue.next() {
            metrics.queueDepth.record(queue.snapshot.ready)
            let started = ContinuousClock.now
            let meter = APIWaitMeter()
            let completion: WorkQueueCompletion
            var succeeded = true
            do {
                switch try await meter.measure({ try await reconcileWithinLimit(key) }) {
                case .done: completion = .success
                case .requeue(let delay): completion = .requeue(after: delay)
                }
            } catch {
                succeeded = false
                logger.error("reconcile failed", metadata: [
                    "key": "\(key)", "error": "\(error)", "failures": "\(queue.failureCount(key) + 1)",
                ])
                completion = .failure
            }
            let elapsed = ContinuousClock.now - started
            metrics.reconcileDuration(succeeded: succeeded).recordNanoseconds(elapsed.nanoseconds)
            metrics.overhead.recordNanoseconds(max(0, (elapsed - meter.waited).nanoseconds))
            queue.done(key, completion)
        }
    }

    private func reconcileWithinLimit(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let limit = reconcileTimeout else { return try await reconcile(key) }
        return try await withThrowingTaskGroup(of: ReconcileResult.self) { group in
            group.addTask { try await self.reconcile(key) }
            group.addTask {
                try await Task.sleep(for: limit)
                throw ReconcileTimedOut(controller: self.name, key: key.description, limit: limit)
            }
            defer { group.cancelAll() }
            guard let result = try await group.next() else {
                throw ReconcileTimedOut(controller: name, key: key.description, limit: limit)
            }
            return result
        }
    }
}

extension Timer {
    /// Records the time elapsed since `start`.
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - start).components
        recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }
}
