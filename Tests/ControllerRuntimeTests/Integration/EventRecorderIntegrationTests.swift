import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import ControllerRuntime

@Suite("Event recorder against the local control plane")
struct EventRecorderIntegrationTests {
    /// Records `messages` (in order) as events about a fresh ConfigMap named `name`, then
    /// returns the recorder and the Events the API server holds about it.
    private func record(
        _ messages: [String], type: EventType, reason: String, about name: String, env: TestEnvironment
    ) async throws -> (EventRecorder, [Event]) {
        let target = try await env.createConfigMap(name)
        let recorder = EventRecorder(client: env.client, component: "ballast-test")
        let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", metadata: target.metadata)
        for message in messages {
            await recorder.record(type, reason: reason, message: message, about: reference)
        }
        let events = try await env.client.list(Event.self, .events, namespace: env.namespace).items
            .filter { $0.involvedObject.name == name }
        return (recorder, events)
    }

    @Test func aThousandIdenticalEventsMakeABoundedNumberOfWrites() async throws {
        let env = try await TestEnvironment("rt-events")
        let messages = Array(repeating: "noisy is flapping", count: 1000)
        let (recorder, events) = try await record(messages, type: .warning, reason: "Flapping", about: "noisy", env: env)
        #expect(recorder.writes == 25)
        #expect(events.count == 1)
        #expect(events.first?.count == 25)
        #expect(events.first?.reason == "Flapping")
        #expect(events.first?.type == "Warning")
        #expect(events.first?.source?.component == "ballast-test")
        await env.tearDown()
    }

    @Test func differentMessagesAreCombinedIntoOneAggregateEvent() async throws {
        let env = try await TestEnvironment("rt-aggregate")
        let messages = (0..<20).map { "attempt \($0)" }
        let (recorder, events) = try await record(messages, type: .normal, reason: "Retry", about: "varied", env: env)
        let combined = events.filter { $0.message?.hasPrefix("(combined from similar events)") == true }
        #expect(recorder.writes == 20)
        #expect(events.count == 10)
        #expect(combined.count == 1)
        #expect(combined.first?.count == 11)
        await env.tearDown()
    }
}
