import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing
@testable import ControllerRuntime

@Suite("Controller against the local control plane", .serialized)
struct ControllerIntegrationTests {
    @Test func waitsForTheCacheBeforeTheFirstReconcile() async throws {
        let env = try await TestEnvironment("rt-sync")
        for index in 0..<5 { try await env.createConfigMap("pre-\(index)") }
        let informer = env.configMapInformer()
        let cacheSizes = Recorder<Int>()
        let controller = Controller(name: "sync", primary: informer) { _ in
            cacheSizes.append(informer.store.count)
            return .done
        }
        try await running(controller) {
            #expect(await eventually { cacheSizes.count >= 5 })
        }
        // kube-root-ca.crt is published into every namespace; the first reconcile saw the full list.
        #expect(cacheSizes.all.first.map { $0 >= 5 } == true)
        await env.tearDown()
    }

    @Test func aBurstOfUpdatesCollapsesIntoAFewReconcilesNeverConcurrent() async throws {
        let env = try await TestEnvironment("rt-burst")
        try await env.createConfigMap("hot", data: ["n": "0"])
        let informer = env.configMapInformer(labelSelector: nil)
        let seen = Recorder<String>()
        let inFlight = InFlight()
        let controller = Controller(name: "burst", primary: informer, workers: 4) { key in
            guard key.name == "hot" else { return .done }
            inFlight.begin(key)
            defer { inFlight.end(key) }
            try await Task.sleep(for: .milliseconds(100))
            seen.append(informer.store.get(key)?.data?["n"] ?? "")
            return .done
        }
        try await running(controller) {
            #expect(await eventually { seen.count >= 1 })
            let before = seen.count
            let started = ContinuousClock.now
            for value in 1...100 { try await env.patchData("hot", ["n": "\(value)"]) }
            let elapsed = ContinuousClock.now - started
            #expect(await eventually { seen.all.last == "100" })
            try await Task.sleep(for: .milliseconds(300))
            let reconciles = seen.count - before
            // Each reconcile takes 100 ms and updates arriving meanwhile coalesce into one re-run,
            // so at most one reconcile per 100 ms of updates, plus the first and the last. That
            // is "a handful" when the updates land within a second, as on a quiet machine, and
            // stays exact on a loaded one where the 100 PATCHes take longer.
            let bound = Int((elapsed / .milliseconds(100)).rounded(.up)) + 2
            print("burst: 100 updates in \(elapsed) → \(reconciles) reconciles (bound \(bound))")
            #expect(reconciles <= bound)
            #expect(reconciles < 100)
            #expect(reconciles >= 1)
        }
        #expect(inFlight.overlaps == 0)
        await env.tearDown()
    }

    @Test func aConvergedControllerLeftIdleWritesNothing() async throws {
        let env = try await TestEnvironment("rt-idle")
        for index in 0..<5 { try await env.createConfigMap("cm-\(index)", data: ["want": "\(index)"]) }
        let informer = env.configMapInformer()
        let writes = Recorder<String>()
        let client = env.client
        let controller = Controller(name: "idle", primary: informer, workers: 2) { key in
            guard var object = informer.store.get(key), let want = object.data?["want"] else { return .done }
            guard object.data?["have"] != want else { return .done }
            object.data?["have"] = want
            try await client.update(object, .configMaps)
            writes.append(key.name)
            return .done
        }
        try await running(controller) {
            #expect(await eventually {
                try await env.listConfigMaps().filter { $0.data?["want"] != nil }.allSatisfy { $0.data?["have"] == $0.data?["want"] }
            })
            let versions = try await env.listConfigMaps().map { "\($0.metadata.name ?? ""):\($0.metadata.resourceVersion ?? "")" }.sorted()
            let writesBefore = writes.count
            try await Task.sleep(for: .seconds(60))
            let after = try await env.listConfigMaps().map { "\($0.metadata.name ?? ""):\($0.metadata.resourceVersion ?? "")" }.sorted()
            #expect(after == versions)
            #expect(writes.count == writesBefore)
        }
        #expect(writes.count == 5)
        await env.tearDown()
    }

    @Test func conflictsOnHalfTheWritesConvergeWithPacedRetries() async throws {
        let env = try await TestEnvironment("rt-conflict")
        let objects = 20
        for index in 0..<objects { try await env.createConfigMap("c-\(index)", data: ["want": "yes"]) }
        let informer = env.configMapInformer()
        let client = env.client
        let writes = Recorder<Bool>()
        let failures = Recorder<ContinuousClock.Instant>()
        let retryStarts = Recorder<ContinuousClock.Instant>()
        let failedKeys = Mutex<Set<String>>([])
        let writeNumber = Mutex(0)
        let (rate, burst) = (5.0, 5)
        let controller = Controller(
            name: "conflict", primary: informer, workers: 4,
            queue: WorkQueueConfiguration(bucket: TokenBucket(ratePerSecond: rate, burst: burst))
        ) { key in
            if failedKeys.withLock({ $0.remove(key.name) }) != nil { retryStarts.append(.now) }
            guard var object = informer.store.get(key), object.data?["want"] == "yes", object.data?["have"] != "yes" else {
                return .done
            }
            // Fault injection through the real API: before every second write, someone else
            // changes the object, so this write's resourceVersion is stale and the server answers 409.
            let number = writeNumber.withLock { value in
                value += 1
                return value
            }
            if number % 2 == 1 {
                try await env.patchData(key.name, ["bumped": "\(number)"])
            }
            object.data?["have"] = "yes"
            do {
                try await client.update(object, .configMaps)
                writes.append(false)
            } catch let error as KubeError where error.code == .conflict {
                writes.append(true)
                failures.append(.now)
                failedKeys.withLock { _ = $0.insert(key.name) }
                throw error
            }
            return .done
        }
        try await running(controller) {
            #expect(await eventually(timeout: .seconds(60)) {
                try await env.listConfigMaps().filter { $0.data?["want"] == "yes" }.allSatisfy { $0.data?["have"] == "yes" }
            })
        }
        let conflicts = writes.all.filter { $0 }.count
        print("conflict: \(writes.count) writes, \(conflicts) conflicts, \(retryStarts.count) retries")
        #expect(conflicts >= objects / 2)
        #expect(writes.all.filter { !$0 }.count == objects)
        #expect(retryStarts.count == conflicts)
        // Every retry waited for a token: by any instant, at most burst + rate·(time since the
        // first failure) retries can have started.
        let first = try #require(failures.all.min())
        for (index, start) in retryStarts.all.sorted().enumerated() {
            let allowed = Double(burst) + rate * (start - first).seconds + 1
            #expect(Double(index + 1) <= allowed, "retry \(index + 1) started after \((start - first).seconds) s")
        }
        await env.tearDown()
    }

    @Test func secondaryObjectsMapToTheirControllerOwner() async throws {
        let env = try await TestEnvironment("rt-owner")
        let parent = try await env.createConfigMap("parent", data: ["want": "child"])
        let primary = env.configMapInformer(labelSelector: "role!=child")
        let children = env.configMapInformer(labelSelector: "role=child")
        let reconciled = Recorder<String>()
        let controller = Controller(name: "owner", primary: primary) { key in
            reconciled.append(key.name)
            return .done
        }
        controller.owns(children, ownerKind: "ConfigMap")
        try await running(controller) {
            #expect(await eventually { reconciled.all.contains("parent") })
            let before = reconciled.all.filter { $0 == "parent" }.count
            var child = ConfigMap(name: "kid", namespace: env.namespace, labels: ["role": "child"])
            child.metadata.ownerReferences = [try OwnerReference.controller(apiVersion: "v1", kind: "ConfigMap", metadata: parent.metadata)]
            try await env.client.create(child, .configMaps)
            #expect(await eventually { reconciled.all.filter { $0 == "parent" }.count > before })
        }
        #expect(!reconciled.all.contains("kid"))
        await env.tearDown()
    }

    @Test func finalizersAreWrittenWithAResourceVersionPrecondition() async throws {
        let env = try await TestEnvironment("rt-final")
        let created = try await env.createConfigMap("f")
        let added = try await Finalizers.add("ballast.dev/cleanup", to: created, .configMaps, client: env.client)
        #expect(added.metadata.finalizers == ["ballast.dev/cleanup"])
        // The stale copy must be refused, not silently overwrite.
        await #expect(throws: KubeError.self) {
            _ = try await Finalizers.add("other", to: created, .configMaps, client: env.client)
        }
        let removed = try await Finalizers.remove("ballast.dev/cleanup", from: added, .configMaps, client: env.client)
        #expect((removed.metadata.finalizers ?? []).isEmpty)
        #expect((try await env.getConfigMap("f").metadata.finalizers ?? []).isEmpty)
        await env.tearDown()
    }
}
