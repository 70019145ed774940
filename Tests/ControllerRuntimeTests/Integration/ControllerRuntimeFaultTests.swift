import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing
@testable import ControllerRuntime

/// A controller with a side effect per parent ConfigMap: it creates `<name>-child` (once) and
/// deletes it when the parent goes. Creations are counted to detect duplicate side effects.
struct ChildMaker: Sendable {
    let informer: Informer<ConfigMap>
    let controller: Controller<ConfigMap>
    let created = Recorder<String>()
    let deleted = Recorder<String>()

    init(env: TestEnvironment) {
        let informer = env.configMapInformer(labelSelector: "role=parent")
        let client = env.client
        let namespace = env.namespace
        let created = created
        let deleted = deleted
        self.informer = informer
        controller = Controller(name: "children", primary: informer, workers: 2) { key in
            let child = "\(key.name)-child"
            guard informer.store.get(key) != nil else {
                do {
                    try await client.delete(.configMaps, name: child, namespace: namespace)
                    deleted.append(child)
                } catch let error as KubeError where error.code == .notFound {}
                return .done
            }
            do {
                try await client.create(ConfigMap(name: child, namespace: namespace, labels: ["role": "child"]), .configMaps)
                created.append(child)
            } catch let error as KubeError where error.code == .alreadyExists {}
            return .done
        }
    }
}

@Suite("Controller runtime with the API server stopped and restarted", .serialized)
struct ControllerRuntimeFaultTests {
    @Test func anAPIServerOutageBacksOffResumesAndLosesNothing() async throws {
        let env = try await TestEnvironment("rt-outage")
        let maker = ChildMaker(env: env)
        for index in 0..<3 { try await env.createConfigMap("p\(index)", labels: ["role": "parent"]) }
        try await running(maker.controller) {
            #expect(await eventually { maker.created.count == 3 })
            try await restartAPIServer(env, downtime: .seconds(5))
            // Changes right after the restart, while the informer is still backing off.
            try await env.createConfigMap("p3", labels: ["role": "parent"])
            try await env.client.delete(.configMaps, name: "p0", namespace: env.namespace)
            #expect(await eventually(timeout: .seconds(60)) {
                let names = Set(try await env.listConfigMaps().compactMap(\.metadata.name))
                return names.isSuperset(of: ["p1-child", "p2-child", "p3-child"]) && !names.contains("p0-child")
            })
        }
        let stats = maker.informer.stats
        print("outage: informer \(stats)")
        #expect(stats.failures >= 1)
        #expect(stats.watches >= 2)
        #expect(maker.created.all.sorted() == ["p0-child", "p1-child", "p2-child", "p3-child"])
        #expect(maker.deleted.all == ["p0-child"])
        await env.tearDown()
    }

    @Test func aCutWatchWithAnExpiredVersionRelistsAndReconcilesTheGap() async throws {
        let env = try await TestEnvironment("rt-expired")
        let maker = ChildMaker(env: env)
        for index in 0..<4 { try await env.createConfigMap("q\(index)", labels: ["role": "parent"]) }
        try await running(maker.controller) {
            #expect(await eventually { maker.created.count == 4 })
            let listsBefore = maker.informer.stats.lists
            // Writes the informer does not watch move etcd's revision past the informer's version.
            for index in 0..<5 { try await env.createConfigMap("noise-\(index)") }
            // The restart cuts the watch and empties the API server's watch cache, so the
            // informer's resourceVersion is too old afterwards: the resume gets 410 Expired.
            try await restartAPIServer(env, downtime: .seconds(2))
            try await env.client.delete(.configMaps, name: "q1", namespace: env.namespace)
            try await env.client.delete(.configMaps, name: "q2", namespace: env.namespace)
            try await env.createConfigMap("q4", labels: ["role": "parent"])
            #expect(await eventually(timeout: .seconds(60)) {
                let names = Set(try await env.listConfigMaps().compactMap(\.metadata.name))
                return names.isSuperset(of: ["q0-child", "q3-child", "q4-child"])
                    && names.isDisjoint(with: ["q1-child", "q2-child"])
            })
            #expect(maker.informer.stats.lists > listsBefore)
        }
        let stats = maker.informer.stats
        print("expired: informer \(stats)")
        #expect(stats.expirations >= 1)
        #expect(Set(maker.deleted.all) == ["q1-child", "q2-child"])
        #expect(maker.created.all.sorted() == ["q0-child", "q1-child", "q2-child", "q3-child", "q4-child"])
        await env.tearDown()
    }
}
