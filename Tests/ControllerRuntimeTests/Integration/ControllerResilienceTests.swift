import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing
@testable import ControllerRuntime

@Suite("Controller resilience and graceful shutdown", .serialized)
struct ControllerResilienceTests {
    struct Broken: Error {}

    @Test func aThrowingOrHangingKeyDoesNotStopTheOthers() async throws {
        let env = try await TestEnvironment("rt-resilient")
        for name in ["throws", "hangs", "fine-0", "fine-1", "fine-2"] { try await env.createConfigMap(name) }
        let informer = env.configMapInformer()
        let attempts = Recorder<String>()
        let controller = Controller(name: "resilient", primary: informer, workers: 2, reconcileTimeout: .milliseconds(500)) { key in
            attempts.append(key.name)
            switch key.name {
            case "throws": throw Broken()
            case "hangs": try await Task.sleep(for: .seconds(3600))
            default: break
            }
            return .done
        }
        try await running(controller) {
            #expect(await eventually { ["fine-0", "fine-1", "fine-2"].allSatisfy(attempts.all.contains) })
            #expect(await eventually {
                attempts.all.filter { $0 == "hangs" }.count >= 2 && attempts.all.filter { $0 == "throws" }.count >= 3
            })
            #expect(controller.queue.failureCount(ObjectKey(namespace: env.namespace, name: "throws")) >= 2)
            #expect(controller.queue.failureCount(ObjectKey(namespace: env.namespace, name: "hangs")) >= 1)
            // A change to a healthy object is still reconciled promptly.
            let before = attempts.all.filter { $0 == "fine-0" }.count
            try await env.patchData("fine-0", ["x": "1"])
            #expect(await eventually(timeout: .seconds(30)) { attempts.all.filter { $0 == "fine-0" }.count > before })
        }
        await env.tearDown()
    }

    @Test(arguments: [(drain: 5, completes: true), (drain: 1, completes: false)])
    func gracefulShutdownDrainsInFlightReconcilesWithinTheDeadline(drain: Int, completes: Bool) async throws {
        let env = try await TestEnvironment("rt-drain")
        try await env.createConfigMap("slow")
        let informer = env.configMapInformer()
        let started = Recorder<String>()
        let finished = Recorder<String>()
        let controller = Controller(name: "drain", primary: informer) { key in
            guard key.name == "slow" else { return .done }
            started.append(key.name)
            try await Task.sleep(for: .seconds(2))
            finished.append(key.name)
            return .done
        }
        let manager = ControllerManager(controllers: [controller], drainTimeout: .seconds(drain))
        let stopped = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await manager.run() }
            #expect(await eventually { started.count == 1 })
            let shutdownAt = ContinuousClock.now
            manager.shutDown()
            // Intake is closed: this change must not start another reconcile.
            try await env.patchData("slow", ["after": "shutdown"])
            try await group.waitForAll()
            return ContinuousClock.now - shutdownAt
        }
        #expect(started.count == 1)
        #expect((finished.count == 1) == completes)
        // Bounded by the deadline (a hung shutdown would not return at all); the margin absorbs
        // a machine busy with hundreds of other tests.
        #expect(stopped < .seconds(drain) + .seconds(10))
        await env.tearDown()
    }
}
