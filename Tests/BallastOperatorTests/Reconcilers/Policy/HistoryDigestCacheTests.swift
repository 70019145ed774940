import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct HistoryDigestCacheTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func history(version: String, failures: Int) -> ActionHistory {
        let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")
        let entries = (0..<failures).map { index in
            ActionEntry(actionId: "a\(index)", action: .restartDeployment, state: .failed, startedAt: now.addingTimeInterval(Double(index)))
        }
        return ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop", resourceVersion: version),
            spec: ActionHistorySpec(target: target), status: ActionHistoryStatus(entries: entries))
    }

    static func failures(_ digests: [HistoryDigest]) -> Int? {
        ScopeCounting.failureRuns(digests)[.restartDeployment]?.consecutiveFailures
    }

    @Test func aDigestIsKeptUntilItsHistorysResourceVersionChanges() {
        let cache = HistoryDigestCache()
        #expect(Self.failures(cache.digests(of: [Self.history(version: "1", failures: 1)])) == 1)
        // The same version is the same content: the digest computed for it is reused.
        #expect(Self.failures(cache.digests(of: [Self.history(version: "1", failures: 3)])) == 1)
        #expect(Self.failures(cache.digests(of: [Self.history(version: "2", failures: 3)])) == 3)
    }

    @Test func aHistoryGoneFromTheCacheIsForgotten() {
        let cache = HistoryDigestCache()
        #expect(Self.failures(cache.digests(of: [Self.history(version: "1", failures: 1)])) == 1)
        #expect(cache.digests(of: []).isEmpty)
        // Re-created with a reused version number (a new etcd): computed afresh, not recalled.
        #expect(Self.failures(cache.digests(of: [Self.history(version: "1", failures: 2)])) == 2)
    }

    @Test func aHistoryWithoutAResourceVersionIsNeverRecalled() {
        let cache = HistoryDigestCache()
        #expect(Self.failures(cache.digests(of: [Self.history(version: "", failures: 1)])) == 1)
        #expect(Self.failures(cache.digests(of: [Self.history(version: "", failures: 2)])) == 2)
    }
}
