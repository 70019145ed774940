import Foundation
import KubeClient
import KubeTypes

/// The three Lease calls leader election makes. ``kubernetes(_:)`` is the real one; tests wrap
/// it to inject failures (e.g. renewals that fail) while still talking to the API server.
public struct LeaseAPI: Sendable {
    /// Reads the Lease; `nil` when it does not exist.
    public var get: @Sendable (_ namespace: String, _ name: String) async throws -> Lease?
    /// Creates the Lease (fails if someone created it first).
    public var create: @Sendable (Lease) async throws -> Lease
    /// Replaces the Lease, guarded by its `metadata.resourceVersion` (409 if it changed).
    public var update: @Sendable (Lease) async throws -> Lease

    /// A Lease API made of the given calls.
    public init(
        get: @escaping @Sendable (String, String) async throws -> Lease?,
        create: @escaping @Sendable (Lease) async throws -> Lease,
        update: @escaping @Sendable (Lease) async throws -> Lease
    ) {
        self.get = get
        self.create = create
        self.update = update
    }

    /// Leases in the API server behind `client`.
    public static func kubernetes(_ client: KubeClient) -> LeaseAPI {
        LeaseAPI(
            get: { namespace, name in
                do throws(KubeError) {
                    return try await client.get(Lease.self, .leases, name: name, namespace: namespace)
                } catch where error.code == .notFound {
                    return nil
                }
            },
            create: { lease in try await client.create(lease, .leases, namespace: lease.metadata.namespace) },
            update: { lease in try await client.update(lease, .leases) })
    }
}

