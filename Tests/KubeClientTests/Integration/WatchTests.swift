import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Watches against the API server")
struct WatchTests {
    @Test func watchDeliversAddedModifiedDeletedInOrder() async throws {
        try await withTestClient { client, _, namespace in
            let start = try await client.list(ConfigMap.self, .configMaps, namespace: namespace)
            let stream = try await client.watch(ConfigMap.self, .configMaps, namespace: namespace,
                options: WatchOptions(resourceVersion: start.metadata.resourceVersion, timeoutSeconds: 30))
            try await client.create(ConfigMap(metadata: ObjectMeta(name: "w", namespace: namespace), data: ["v": "1"]), .configMaps)
            try await client.patch(ConfigMap.self, .configMaps, name: "w", namespace: namespace, .merge(["data": ["v": "2"]]))
            try await client.delete(.configMaps, name: "w", namespace: namespace)
            var seen: [String] = []
            for try await event in stream {
                switch event {
                case .added(let object): seen.append("added \(object.data?["v"] ?? "")")
                case .modified(let object): seen.append("modified \(object.data?["v"] ?? "")")
                case .deleted(let object): seen.append("deleted \(object.data?["v"] ?? "")")
                case .bookmark: continue
                }
                if seen.count == 3 { break }
            }
            #expect(seen == ["added 1", "modified 2", "deleted 2"])
        }
    }

    /// Found on 1.20: a watch from a resourceVersion older than the watch cache's window is
    /// answered 200 with an in-stream `ERROR` event carrying `410 Expired`. Churning a resource
    /// does not reliably evict the window (it doubles, up to 102,400 events, while its oldest
    /// event is younger than 75 s), but a resource's window starts at its cache's first list:
    /// for a CRD created now, every earlier resourceVersion is outside it.
    @Test func expiredResourceVersionSurfacesAsExpired() async throws {
        try await withTestClient { client, _, namespace in
            let before = try await client.list(ConfigMap.self, .configMaps, namespace: namespace).metadata.resourceVersion
            let group = "g\(UUID().uuidString.prefix(8).lowercased()).test.ballast.dev"
            let gadgets = ResourceDescriptor(group: group, version: "v1", plural: "gadgets", kind: "Gadget", namespaced: true)
            try await Widget.install(Widget.definition(group: group, plural: "gadgets", kind: "Gadget"), resource: gadgets, with: client)

            let stream = try await client.watch(UnstructuredObject.self, gadgets, namespace: namespace,
                options: WatchOptions(resourceVersion: before, timeoutSeconds: 10))
            var delivered: [WatchEvent<UnstructuredObject>] = []
            var failure: KubeError?
            do throws(KubeError) {
                for try await event in stream { delivered.append(event) }
            } catch {
                failure = error
            }
            #expect(delivered.isEmpty)
            #expect(failure?.code == .expired)
            #expect(failure?.httpStatus == 410)
            #expect(failure?.message.hasPrefix("too old resource version") == true)

            // From the resource's own list version the same watch works.
            let current = try await client.list(UnstructuredObject.self, gadgets, namespace: namespace).metadata.resourceVersion
            let fresh = try await client.watch(UnstructuredObject.self, gadgets, namespace: namespace,
                options: WatchOptions(resourceVersion: current, timeoutSeconds: 10))
            try await client.create(UnstructuredObject(apiVersion: "\(group)/v1", kind: "Gadget",
                metadata: ObjectMeta(name: "g1", namespace: namespace), fields: ["spec": ["size": 1]]), gadgets)
            var added: String?
            for try await event in fresh {
                if case .added(let object) = event { added = object.metadata.name; break }
            }
            #expect(added == "g1")
            try await client.delete(.customResourceDefinitions, name: gadgets.description)
        }
    }

    /// A `continue` token the server did not issue is answered 400 BadRequest.
    @Test func malformedContinueTokenIsRejected() async throws {
        try await withTestClient { client, _, namespace in
            let code = await errorCode {
                _ = try await client.list(ConfigMap.self, .configMaps, namespace: namespace,
                    options: ListOptions(limit: 1, continueToken: "not-a-token"))
            }
            #expect(code == .badRequest)
        }
    }

    /// 1.20 sends one BOOKMARK 2 s before the watch's deadline (later releases also send them
    /// about once a minute): a 6 s watch observes one, then the server closes the stream.
    @Test(.timeLimit(.minutes(1)))
    func bookmarkArrivesBeforeTheServerEndsTheWatch() async throws {
        try await withTestClient { client, _, namespace in
            try await client.create(ConfigMap(metadata: ObjectMeta(name: "b", namespace: namespace)), .configMaps)
            let start = try await client.list(ConfigMap.self, .configMaps, namespace: namespace)
            let listVersion = try #require(start.metadata.resourceVersion.flatMap(Int.init))
            let began = ContinuousClock.now
            let stream = try await client.watch(ConfigMap.self, .configMaps, namespace: namespace,
                options: WatchOptions(resourceVersion: start.metadata.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 6))
            var bookmarks: [String] = []
            for try await event in stream {
                if case .bookmark(let version) = event { bookmarks.append(version) }
            }
            let elapsed = ContinuousClock.now - began
            #expect(bookmarks.count >= 1)
            #expect(bookmarks.allSatisfy { (Int($0) ?? 0) >= listVersion })
            // The server ended the watch at its 6 s timeout (the loop ending at all shows it did;
            // the lower bound shows it was not earlier).
            #expect(elapsed >= .seconds(5))
        }
    }
}
