import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct ScopeCountingTests {
    static let labels: [String: [String: String]] = ["shop": ["team": "shop"], "batch": ["team": "data"]]
    static func namespaceLabels(_ name: String?) -> [String: String]? { name.flatMap { labels[$0] } }

    static let shopOnly = Fixture.policy(
        "shop-only", SafetyPolicySpec(namespaceSelector: LabelSelector(matchLabels: ["team": "shop"]),
                                      rateLimit: RateLimit(maxActions: 5, per: .minutes(30))))
    static let everywhere = Fixture.policy("everywhere")

    static func request(_ name: String, namespace: String, phase: RemediationPhase) -> RemediationRequest {
        var status = RemediationRequestStatus()
        status.phase = phase
        return RemediationRequest(metadata: ObjectMeta(name: name, namespace: namespace), spec: RemediationRequestSpec(), status: status)
    }

    static func history(namespace: String, _ entries: [ActionEntry]) -> ActionHistory {
        let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "web")
        return ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: namespace), spec: ActionHistorySpec(target: target),
            status: ActionHistoryStatus(entries: entries))
    }

    @Test func executingRequestsCountOnlyInTheScopesThatCoverTheirNamespace() throws {
        let requests = [
            Self.request("a", namespace: "shop", phase: .executing), Self.request("b", namespace: "batch", phase: .executing),
            Self.request("c", namespace: "shop", phase: .verifying), Self.request("d", namespace: "shop", phase: .blocked),
        ]
        let state = ScopeCounting.clusterState(
            policies: [Self.shopOnly, Self.everywhere], requests: requests, histories: [],
            namespaceLabels: Self.namespaceLabels, now: Fixture.now)
        #expect(state.counts["shop-only"]?.executing == 1)
        #expect(state.counts["everywhere"]?.executing == 2)
        #expect(state.counts[PolicyDefaults.name]?.executing == 2)
    }

    @Test func rateWindowCountsMutatingEntriesInsideEachPolicysOwnWindow() throws {
        let shop = Self.history(namespace: "shop", [
            Fixture.entry(.restartDeployment, at: 10), Fixture.entry(.restartDeployment, at: 20, state: .failed),
            Fixture.entry(.restartDeployment, at: 25, state: .pending), Fixture.entry(.restartDeployment, at: 29, state: .dryRun),
            Fixture.entry(.restartDeployment, at: 28, state: .abandoned), Fixture.entry(.restartDeployment, at: 45),
        ])
        let batch = Self.history(namespace: "batch", [Fixture.entry(.scaleDeployment, at: 5)])
        let state = ScopeCounting.clusterState(
            policies: [Self.shopOnly, Self.everywhere], requests: [], histories: [shop, batch],
            namespaceLabels: Self.namespaceLabels, now: Fixture.now)
        // shop-only: 30-minute window, shop namespace only; DryRun and Abandoned never count.
        #expect(state.counts["shop-only"]?.executedAt == [25.0, 20, 10].map(Fixture.ago))
        // everywhere: the default one-hour window, both namespaces.
        #expect(state.counts["everywhere"]?.executedAt == [45.0, 25, 20, 10, 5].map(Fixture.ago))
    }

    @Test func failureRunsAreClusterWidePerAction() throws {
        let first = Self.history(namespace: "shop", [
            Fixture.entry(.restartDeployment, at: 30, state: .failed), Fixture.entry(.restartDeployment, at: 40),
        ])
        let second = Self.history(namespace: "batch", [
            Fixture.entry(.restartDeployment, at: 10, state: .failed), Fixture.entry(.scaleDeployment, at: 5),
        ])
        let runs = ScopeCounting.failureRuns([first, second])
        #expect(runs[.restartDeployment] == FailureRun(consecutiveFailures: 2, lastFailureAt: Fixture.ago(10)))
        #expect(runs[.scaleDeployment] == FailureRun(consecutiveFailures: 0, lastFailureAt: nil))
    }

    @Test func emergencyStopsNameOnlyTheCoveringPoliciesThatStop() throws {
        var stoppedShop = Self.shopOnly
        stoppedShop.spec.emergencyStop = EmergencyStop(enabled: true, reason: "incident")
        var stoppedAll = Fixture.policy("all-stop")
        stoppedAll.spec.emergencyStop = EmergencyStop(enabled: true)
        let policies = [stoppedShop, stoppedAll, Self.everywhere]
        #expect(ScopeCounting.emergencyStops(policies: policies, namespace: "shop", namespaceLabels: Self.namespaceLabels)
            == ["all-stop", "shop-only"])
        #expect(ScopeCounting.emergencyStops(policies: policies, namespace: "batch", namespaceLabels: Self.namespaceLabels)
            == ["all-stop"])
        #expect(ScopeCounting.emergencyStops(policies: [Self.everywhere], namespace: "shop", namespaceLabels: Self.namespaceLabels)
            .isEmpty)
    }
}
