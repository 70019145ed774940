import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

/// The receiver's timeline across a real fault: the API server stopped while a notification is
/// being recorded, and started again (pass 4 of hack/test.sh runs this alone).
@Suite("Alert timeline across an API server restart", .serialized, .timeLimit(.minutes(4)))
struct AlertTimelineOutageFaultTests {
    static let target = ["deployment": "web"]
    static let resolvedRow = AlertObservation(
        name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .resolved, at: AlertTimelineReceiverTests.endsAt)

    /// Deployment `web` with its alert's Firing row recorded while the API server is up; returns the row.
    static func firingRecorded(_ env: AlertTimelineReceiverTests.Fixture) async throws -> AlertObservation {
        _ = try await env.deployment("web")
        await env.post([AlertTimelineReceiverTests.alert("firing", namespace: env.namespace, target: Self.target)])
        let firingRow = AlertObservation(
            name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .firing, at: AlertTimelineReceiverTests.startsAt)
        #expect(try await env.history(ofDeployment: "web")?.status?.alerts == [firingRow])
        return firingRow
    }

    /// The timeline client gives up on a call after 1 s, so each call made during the outage
    /// fails (no answer in time) and only ``TimelineRetry`` brings the resolution through.
    @Test func aResolutionReceivedWhileTheAPIServerIsDownIsRetriedUntilItLands() async throws {
        try await AlertTimelineReceiverTests.withFixture(timelineRequestTimeout: .seconds(1)) { env in
            let firingRow = try await Self.firingRecorded(env)

            try await env.cluster.stopAPIServer()
            let resolved = AlertTimelineReceiverTests.alert("resolved", namespace: env.namespace, target: Self.target)
            async let reply = env.receiver.receive(body: AlertTimelineReceiverTests.Fixture.body([resolved]))
            try await Task.sleep(for: .seconds(2))
            try await env.cluster.startAPIServer()
            // The request half of the notification waited for the server or failed (then
            // Alertmanager is told to re-send); the timeline half was retried and landed.
            _ = await reply

            let history = try #require(try await env.history(ofDeployment: "web"))
            #expect(history.status?.alerts == [
                firingRow,
                Self.resolvedRow,
            ])
            // A write that succeeded after its caller gave up is found on the retry (counted
            // `unchanged` then), so the two notifications count 2 between those two results.
            #expect(env.timelineWrites(.recorded) + env.timelineWrites(.unchanged) == 2)
            #expect(env.timelineWrites(.failed) == 0)
            #expect(env.timelineWrites(.timeout) == 0)
        }
    }

    /// The outage outlasts the receiver's timeout (3 s): the notification is answered 503 and its
    /// timeline goes to the backlog, which records it once the server is back.
    @Test func aResolutionOutlastingTheReceiversTimeoutLandsFromTheBacklogOnceTheServerIsBack() async throws {
        try await AlertTimelineReceiverTests.withFixture(timelineRequestTimeout: .seconds(1), sinkTimeout: .seconds(3)) { env in
            let firingRow = try await Self.firingRecorded(env)

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await env.receiver.runTimelineBacklog() }
                defer { group.cancelAll() }
                try await env.cluster.stopAPIServer()
                let resolved = AlertTimelineReceiverTests.alert("resolved", namespace: env.namespace, target: Self.target)
                let reply = await env.receiver.receive(body: AlertTimelineReceiverTests.Fixture.body([resolved]))
                #expect(reply.status == 503, "the request half could not be recorded: Alertmanager re-sends")
                #expect(env.timelineWrites(.timeout) == 1)
                #expect(env.timelineBacklog == 1, "the timeline half waits in the backlog")
                try await Task.sleep(for: .seconds(2))
                try await env.cluster.startAPIServer()

                let deadline = ContinuousClock.now + .seconds(60)
                var alerts = try await env.history(ofDeployment: "web")?.status?.alerts
                while alerts?.count != 2, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                    alerts = try await env.history(ofDeployment: "web")?.status?.alerts
                }
                #expect(alerts == [
                    firingRow,
                    Self.resolvedRow,
                ])
                while env.timelineBacklog != 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(env.timelineBacklog == 0)
                #expect(env.timelineWrites(.recorded) + env.timelineWrites(.unchanged) == 2)
                #expect(env.timelineWrites(.failed) == 0)
                #expect(env.timelineWrites(.expired) == 0)
            }
        }
    }
}
