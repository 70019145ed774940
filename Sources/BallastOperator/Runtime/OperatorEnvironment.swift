import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging

/// The informers the operator's controllers share. Each informer is *run* by exactly one
/// controller (see ``OperatorInformers/owner``), and *read* by any: a reconciler that reads a
/// store it does not run awaits `store.waitUntilSynced()` before trusting it.
public struct OperatorInformers: Sendable {
    /// RemediationRequests, cluster-wide (run by the RemediationRequest controller).
    public var requests: Informer<RemediationRequest>
    /// ActionHistories, cluster-wide (run by the ActionHistory controller).
    public var histories: Informer<ActionHistory>
    /// SafetyPolicies (cluster-scoped; run by the SafetyPolicy controller).
    public var policies: Informer<SafetyPolicy>
    /// Namespaces, for their labels (run by the RemediationRequest controller).
    public var namespaces: Informer<Namespace>
    /// The policy-counting digests of the cached histories (``historyDigests()``).
    let digests = HistoryDigestCache()

    /// Informers over `client` for every resource the controllers read, with managed fields
    /// stripped from the caches; requests are also indexed by phase (``StoreIndex/phase``).
    public init(client: KubeClient, logger: Logger) {
        requests = Informer(client: client, source: .init(.remediationRequests), store: Self.requestStore(), logger: logger)
        histories = Informer(
            client: client, source: .init(.actionHistories),
            store: Store(transform: .stripManagedFields), logger: logger)
        policies = Informer(
            client: client, source: .init(.safetyPolicies),
            store: Store(transform: .stripManagedFields), logger: logger)
        namespaces = Informer(
            client: client, source: .init(.namespaces),
            store: Store(transform: .stripManagedFields), logger: logger)
    }

    /// The store a request informer fills: managed fields stripped, indexed by phase (the
    /// reconcilers read it through ``RequestPhaseIndex``, so every request cache needs the index).
    public static func requestStore() -> Store<RemediationRequest> {
        Store(indexes: [.phase], transform: .stripManagedFields)
    }

    /// The ``HistoryDigest`` of every cached ActionHistory, recomputed only for the histories
    /// that changed since the last call.
    public func historyDigests() -> [HistoryDigest] {
        digests.digests(of: histories.store.list())
    }

    /// The labels of namespace `name`, or `nil` when it is unknown (or `name` is `nil`: a
    /// cluster-scoped target).
    public func namespaceLabels(_ name: String?) -> [String: String]? {
        guard let name else { return nil }
        return namespaces.store.get(ObjectKey(namespace: nil, name: name))?.metadata.labels ?? [:]
    }
}

/// Which namespaces the operator acts in: all, or a configured list (`--namespace`, repeated).
/// The informers watch cluster-wide; reconcilers and the receiver skip anything outside.
public struct NamespaceScope: Sendable, Hashable {
    /// The namespaces; empty means every namespace.
    public var namespaces: Set<String>

    /// A scope of `namespaces` (empty: all).
    public init(_ namespaces: some Sequence<String> = []) {
        self.namespaces = Set(namespaces)
    }

    /// Whether objects in `namespace` are in scope (cluster-scoped objects always are).
    public func contains(_ namespace: String?) -> Bool {
        guard let namespace, !namespaces.isEmpty else { return true }
        return namespaces.contains(namespace)
    }
}

/// Everything the operator's controllers share: the client, the caches, Events, metrics, the
/// clock and the logger. Built once by the runtime; passed by value (every member is a
/// reference-typed, thread-safe service or an immutable value).
public struct OperatorEnvironment: Sendable {
    /// The client every controller writes through.
    public var client: KubeClient
    /// The shared caches.
    public var informers: OperatorInformers
    /// Records Events on Ballast's objects.
    public var events: EventRecorder
    /// Prometheus metrics.
    public var metrics: BallastMetrics
    /// Namespaces the operator acts in.
    public var scope: NamespaceScope
    /// The operator's own namespace: its Lease, and the ActionHistories of cluster-scoped
    /// targets (Nodes) live there.
    public var operatorNamespace: String
    /// The wall clock (injected so tests can pin it).
    public var clock: @Sendable () -> Date
    /// The root logger; controllers add their own `controller` metadata.
    public var logger: Logger

    /// Creates an environment.
    public init(
        client: KubeClient, informers: OperatorInformers, events: EventRecorder, metrics: BallastMetrics,
        scope: NamespaceScope = NamespaceScope(), operatorNamespace: String = "ballast-system",
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.client = client
        self.informers = informers
        self.events = events
        self.metrics = metrics
        self.scope = scope
        self.operatorNamespace = operatorNamespace
        self.clock = clock
        self.logger = logger
    }
}

extension OperatorEnvironment {
    /// Whether `policy` covers at least one namespace the operator acts in (always, when the
    /// operator acts in every namespace).
    public func coversScope(_ policy: SafetyPolicy) -> Bool {
        guard !scope.namespaces.isEmpty else { return true }
        let effective = EffectivePolicy(policy)
        return scope.namespaces.contains { effective.covers(namespaceLabels: informers.namespaceLabels($0)) }
    }
}
