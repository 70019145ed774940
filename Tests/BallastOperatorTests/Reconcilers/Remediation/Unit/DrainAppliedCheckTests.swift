import KubeTypes
import Testing

@testable import BallastOperator

/// After a crash in the middle of a drain, the cordon's stamp alone does not prove the drain ran.
@Suite struct DrainAppliedCheckTests {
    static let stamped = "Node n1 carries ballast.dev/last-action-id=a1 (changed spec.unschedulable)"

    @Test(arguments: [
        [Pod](),
        [PlannerFixture.pod("ds-1", owner: "DaemonSet"), PlannerFixture.pod("static-1", owner: nil, mirror: true)],
        [PlannerFixture.pod("web-1", terminating: true), PlannerFixture.pod("ds-1", owner: "DaemonSet", emptyDir: true)],
    ])
    func aNodeWithNothingLeftToEvictIsApplied(pods: [Pod]) {
        #expect(TargetReader.drainCheck(stamped: Self.stamped, pods: pods) == .applied("\(Self.stamped); no pod left to evict"))
    }

    @Test(arguments: [
        [PlannerFixture.pod("web-1")],
        [PlannerFixture.pod("ds-1", owner: "DaemonSet"), PlannerFixture.pod("bare-1", owner: nil)],
        [PlannerFixture.pod("old-1", terminating: true), PlannerFixture.pod("cache-1", emptyDir: true)],
        [PlannerFixture.pod("done-1", owner: nil, phase: "Succeeded")],
    ])
    func aPodTheDrainWouldStillEvictMeansPartiallyApplied(pods: [Pod]) {
        guard case .partiallyApplied(let message) = TargetReader.drainCheck(stamped: Self.stamped, pods: pods) else {
            Issue.record("expected a partially applied drain")
            return
        }
        #expect(message.hasPrefix("\(Self.stamped); "))
        #expect(message.contains("still to evict"))
    }

    @Test func aPartialDrainNamesThePodsLeftAtMostTen() {
        let pods = (0..<12).map { PlannerFixture.pod(String(format: "web-%02d", $0)) }
        guard case .partiallyApplied(let message) = TargetReader.drainCheck(stamped: Self.stamped, pods: pods) else {
            Issue.record("expected a partially applied drain")
            return
        }
        #expect(message.contains("12 pod(s) still to evict"))
        #expect(message.contains("/web-09") && !message.contains("/web-10"))
        #expect(message.hasSuffix(", …"))
    }
}
