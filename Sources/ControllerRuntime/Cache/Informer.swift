import KubeClient
import KubeTypes
import Logging
import Synchronization

/// Keeps a ``Store`` in step with the API server (list, then watch) and tells handlers about
/// every change: client-go's shared informer, driven by the pure ``ReflectorMachine``.
///
/// * Lists are quorum reads, paged; a relist (after `410 Expired`) replaces the store
///   atomically and reports the difference, deletions during the gap included.
/// * Watches ask for bookmarks and resume from the newest resourceVersion seen, with a server
///   timeout drawn from 5–10 minutes; KubeClient abandons a stream silent past that timeout.
/// * Failures back off 0.8 s → 30 s with jitter; `429` backs off without relisting.
///
/// Handlers run on the informer's task, in order, and must not block (enqueue keys, nothing
/// more). ``run()`` loops until its task is cancelled.
public final class Informer<Object: KubernetesObject>: Sendable {
    /// What to list and watch.
    public struct Source: Sendable, Hashable {
        /// The resource listed and watched.
        public var resource: ResourceDescriptor
        /// `nil` for all namespaces (or a cluster-scoped resource).
        public var namespace: String?
        /// Only objects matching this label selector (query syntax).
        public var labelSelector: String?
        /// Only objects matching this field selector.
        public var fieldSelector: String?

        /// A source of `resource`, optionally narrowed to a namespace and selectors.
        public init(
            _ resource: ResourceDescriptor, namespace: String? = nil, labelSelector: String? = nil,
            fieldSelector: String? = nil
        ) {
            self.resource = resource
            self.namespace = namespace
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
        }
    }

    /// Counts of what the informer did, for tests and diagnostics.
    public struct Statistics: Sendable, Hashable {
        /// Completed lists (the first one and every relist).
        public var lists = 0
        /// Watch requests started.
        public var watches = 0
        /// Failed list or watch requests.
        public var failures = 0
        /// Failures that were `410 Expired`.
        public var expirations = 0
    }

    /// The cache this informer fills; read it freely.
    public let store: Store<Object>
    /// What is listed and watched.
    public let source: Source
    private let client: KubeClient
    private let configuration: ReflectorConfiguration
    private let handlers = Mutex<[@Sendable (StoreChange<Object>) -> Void]>([])
    private let statistics = Mutex(Statistics())
    private let logger: Logger

    /// An informer that has not started.
    /// - Parameters:
    ///   - store: the cache to fill (give it indexes and a transform such as
    ///     ``ObjectTransform/stripManagedFields``).
    public init(
        client: KubeClient, source: Source, store: Store<Object> = Store(),
        configuration: ReflectorConfiguration = ReflectorConfiguration(),
        logger: Logger = Logger(label: "ballast.informer")
    ) {
        self.client = client
        self.source = source
        self.store = store
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "resource"] = "\(source.resource)"
        self.logger = logger
    }

    /// Registers `handler` for every later change. Register before ``run()`` to see the first list.
    public func addHandler(_ handler: @escaping @Sendable (StoreChange<Object>) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    /// What the informer has done so far.
    public var stats: Statistics { statistics.withLock { $0 } }

    /// Lists and watches until the calling task is cancelled.
    public func run() async {
        var machine = ReflectorMachine(configuration: configuration)
        var random = SystemRandomNumberGenerator()
        var action = machine.start()
        while !Task.isCancelled {
            do throws(KubeError) {
                switch action {
                case .list:
                    let list = try await client.listAll(
                        Object.self, source.resource, namespace: source.namespace,
                        options: ListOptions(labelSelector: source.labelSelector, fieldSelector: source.fieldSelector))
                    deliver(store.replace(with: list.items))
                    statistics.withLock { $0.lists += 1 }
                    action = machine.listSucceeded(resourceVersion: list.metadata.resourceVersion ?? "", using: &random)
                case .watch(let version, let timeout):
                    statistics.withLock { $0.watches += 1 }
                    let stream = try await client.watch(
                        Object.self, source.resource, namespace: source.namespace,
                        options: WatchOptions(
                            labelSelector: source.labelSelector, fieldSelector: source.fieldSelector,
                            resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds: timeout))
                    for try await event in stream {
                        apply(event)
                        if let version = event.resourceVersion { machine.observed(resourceVersion: version) }
                    }
                    action = machine.watchEnded(using: &random)
                case .sleep(let delay):
                    try? await Task.sleep(for: delay)
                    action = machine.backoffElapsed(using: &random)
                }
            } catch {
                guard !Task.isCancelled else { return }
                let failure = Self.classify(error)
                statistics.withLock { stats in
                    stats.failures += 1
                    if failure == .expired { stats.expirations += 1 }
                }
                logger.notice("list/watch failed", metadata: ["error": "\(error)"])
                action = machine.failed(failure, now: .now, using: &random)
            }
        }
    }

    /// Maps a client error to what the reflector needs to know.
    static func classify(_ error: KubeError) -> ReflectorFailure {
        switch error.code {
        case .expired: return .expired
        case .tooManyRequests: return .tooManyRequests(retryAfter: error.retryAfter)
        default: return .transient(error.description)
        }
    }

    private func apply(_ event: WatchEvent<Object>) {
        let change: StoreChange<Object>?
        switch event {
        case .added(let object), .modified(let object): change = store.upsert(object)
        case .deleted(let object): change = store.delete(object)
        case .bookmark: change = nil
        }
        if let change { deliver([change]) }
    }

    private func deliver(_ changes: [StoreChange<Object>]) {
        guard !changes.isEmpty else { return }
        let handlers = handlers.withLock { $0 }
        for change in changes {
            for handler in handlers { handler(change) }
        }
    }
}
