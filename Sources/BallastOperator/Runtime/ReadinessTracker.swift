import ControllerRuntime
import KubeTypes
import ServiceLifecycle

/// Marks each shared cache synced in ``ReadinessState`` as soon as its first list is in.
///
/// A follower's caches never fill (its controllers do not run), so the tracker simply waits;
/// it ends on graceful shutdown or once every cache has synced.
struct ReadinessTracker: Service {
    /// One cache as readiness sees it: its name in `/readyz`, and its store's sync state.
    struct TrackedCache: Sendable {
        let name: String
        let hasSynced: @Sendable () -> Bool
        let waitUntilSynced: @Sendable () async -> Void

        init<Object: KubernetesObject>(_ name: String, _ store: Store<Object>) {
            self.name = name
            hasSynced = { store.hasSynced }
            waitUntilSynced = store.waitUntilSynced
        }
    }

    let readiness: ReadinessState
    let informers: OperatorInformers

    /// Every cache a leader reads.
    static func caches(_ informers: OperatorInformers) -> [TrackedCache] {
        [
            TrackedCache("remediationrequests", informers.requests.store),
            TrackedCache("actionhistories", informers.histories.store),
            TrackedCache("safetypolicies", informers.policies.store),
            TrackedCache("namespaces", informers.namespaces.store),
        ]
    }

    func run() async throws {
        let readiness = readiness
        let caches = Self.caches(informers)
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for cache in caches {
                    group.addTask {
                        await cache.waitUntilSynced()
                        if !Task.isCancelled { readiness.markCacheSynced(cache.name) }
                    }
                }
            }
        }
    }
}
