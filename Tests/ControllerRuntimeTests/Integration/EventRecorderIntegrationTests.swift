import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import ControllerRuntime

@Suite("Event recorder against the local control plane")
struct EventRecorderIntegrationTests {
    @Test func aThousandIdenticalEventsMakeABoundedNumberOfWrites() async throws {
        let env = try TestEnvironment("rt-events")
        let target = try await env.createConfigMap("noisy")
        let recorder = EventRecorder(client: env.client, component: "ballast-test")
        let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", metadata: target.metadata)
        for _ in 0..<1000 {
            await recorder.record(.warning, reason: "Flapping", message: "noisy is flapping", about: reference)
        }
        #expect(recorder.writes == 25)
        let events = try await env.client.list(Event.self, .events, namespace: env.namespace).items
            .filter { $0.involvedObject.name == "noisy" }
        #expect(events.count == 1)
        #expect(events.first?.count == 25)
        #expect(events.first?.reason == "Flapping")
        #expect(events.first?.source?.component == "ballast-test")
        await env.tearDown()
    }

    @Test func differentMessagesAreCombinedIntoOneAggregateEvent() async throws {
        let env = try TestEnvironment("rt-aggregate")
        let target = try await env.createConfigMap("varied")
        let recorder = EventRecorder(client: env.client, component: "ballast-test")
        let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", metadata: target.metadata)
        for index in 0..<20 {
            await recorder.record(.normal, reason: "Retry", message: "attempt \(index)", about: reference)
        }
        let events = try await env.client.list(Event.self, .events, namespace: env.namespace).items
            .filter { $0.involvedObject.name == "varied" }
        let combined = events.filter { $0.message?.hasPrefix("(combined from similar events)") == true }
        #expect(events.count == 10)
        #expect(combined.count == 1)
        #expect(combined.first?.count == 11)
        await env.tearDown()
    }
}
