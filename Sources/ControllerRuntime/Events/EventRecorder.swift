import Foundation
import KubeClient
import KubeTypes
import Logging
import Synchronization

/// Records `core/v1` Events about objects, through client-go's correlation: similar events are
/// aggregated, repeats become count patches, and a per-object spam filter bounds the writes
/// (burst 25, then one per 5 minutes). Recording never throws: an Event is diagnostics, and a
/// failure to write one is logged, not propagated into a reconcile.
public final class EventRecorder: Sendable {
    private let client: KubeClient
    private let source: Event.Source
    private let correlator: Mutex<EventCorrelator>
    private let writeCount = Mutex(0)
    private let logger: Logger

    /// A recorder reporting as `component` (e.g. `ballast`), optionally on `host`.
    public init(
        client: KubeClient, component: String, host: String? = nil,
        configuration: EventCorrelatorConfiguration = EventCorrelatorConfiguration(),
        logger: Logger = Logger(label: "ballast.events")
    ) {
        self.client = client
        self.source = Event.Source(component: component, host: host)
        self.correlator = Mutex(EventCorrelator(configuration: configuration))
        self.logger = logger
    }

    /// API writes (creates and patches) made so far.
    public var writes: Int { writeCount.withLock { $0 } }

    /// Records an event of `type` with `reason` and `message` about `object`.
    public func record(_ type: EventType, reason: String, message: String, about object: ObjectReference) async {
        let now = Date()
        let event = Event(about: object, type: type, reason: reason, message: message, source: source, now: now)
        let write = correlator.withLock { $0.correlate(event, now: now) }
        do throws(KubeError) {
            switch write {
            case .skip:
                return
            case .create(let event):
                try await create(event)
            case .patch(let namespace, let name, let count, let lastTimestamp, let message):
                writeCount.withLock { $0 += 1 }
                do throws(KubeError) {
                    let body: JSONValue = [
                        "count": .int(Int64(count)), "message": .string(message),
                        "lastTimestamp": .string(KubeTime.format(lastTimestamp)),
                    ]
                    _ = try await client.patch(Event.self, .events, name: name, namespace: namespace, .merge(body))
                } catch where error.code == .notFound {
                    // The Event expired (or was deleted): write it again with the running count.
                    var recreated = event
                    recreated.metadata = ObjectMeta(name: name, namespace: namespace)
                    recreated.count = count
                    recreated.message = message
                    try await create(recreated)
                }
            }
        } catch {
            logger.notice("could not write event", metadata: [
                "reason": "\(reason)", "object": "\(object.namespace ?? "")/\(object.name ?? "")", "error": "\(error)",
            ])
        }
    }

    private func create(_ event: Event) async throws(KubeError) {
        writeCount.withLock { $0 += 1 }
        do throws(KubeError) {
            _ = try await client.create(event, .events, namespace: event.metadata.namespace)
        } catch where error.code == .alreadyExists {
            return
        }
    }
}
