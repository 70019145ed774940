import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// Creates `count` ConfigMaps named `<prefix>-<index>` with at most `parallelism` requests in
/// flight.
func createConfigMaps(_ count: Int, prefix: String, namespace: String, client: KubeClient, parallelism: Int = 16) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        func add() {
            let name = "\(prefix)-\(next)"
            next += 1
            group.addTask {
                try await client.create(ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["set": prefix]), data: ["k": name]), .configMaps)
            }
        }
        while next < min(parallelism, count) { add() }
        while try await group.next() != nil {
            if next < count { add() }
        }
    }
}

@Suite("Paging against the API server")
struct PagingTests {
    @Test func pagesCoverEveryObjectExactlyOnce() async throws {
        try await withTestClient { client, _, namespace in
            let count = 1_050
            try await createConfigMaps(count, prefix: "page", namespace: namespace, client: client)
            let expected = Set((0..<count).map { "page-\($0)" })

            var names: [String] = []
            var pages = 0
            var options = ListOptions(labelSelector: "set=page", limit: 100)
            repeat {
                let page = try await client.list(ConfigMap.self, .configMaps, namespace: namespace, options: options)
                #expect(page.items.count <= 100)
                names += page.items.compactMap(\.metadata.name)
                pages += 1
                options.continueToken = page.metadata.continue
            } while !(options.continueToken ?? "").isEmpty
            #expect(pages == 11)
            #expect(names.count == count)
            #expect(Set(names) == expected)

            let all = try await client.listAll(ConfigMap.self, .configMaps, namespace: namespace,
                options: ListOptions(labelSelector: "set=page"), pageSize: 100)
            #expect(all.items.count == count)
            #expect(Set(all.items.compactMap(\.metadata.name)) == expected)
            #expect(all.metadata.continue == nil)

            let selected = try await client.list(ConfigMap.self, .configMaps, namespace: namespace,
                options: ListOptions(fieldSelector: "metadata.name=page-7"))
            #expect(selected.items.map(\.data) == [["k": "page-7"]])
        }
    }
}
