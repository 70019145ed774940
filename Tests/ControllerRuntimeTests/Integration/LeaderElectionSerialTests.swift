import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing
@testable import ControllerRuntime

/// Fault switches wrapped around the real Lease API.
final class LeaseFaults: Sendable {
    private let state = Mutex<(dead: Bool, failRenewals: Bool)>((false, false))
    /// Every call fails, as if the process had crashed.
    func kill() { state.withLock { $0.dead = true } }
    /// Updates fail (reads still work), as if the API server rejected or lost the renewals.
    func failRenewals() { state.withLock { $0.failRenewals = true } }

    func wrap(_ api: LeaseAPI) -> LeaseAPI {
        struct Injected: Error {}
        return LeaseAPI(
            get: { namespace, name in
                if self.state.withLock({ $0.dead }) { throw Injected() }
                return try await api.get(namespace, name)
            },
            create: { lease in
                if self.state.withLock({ $0.dead }) { throw Injected() }
                return try await api.create(lease)
            },
            update: { lease in
                if self.state.withLock({ $0.dead || $0.failRenewals }) { throw Injected() }
                return try await api.update(lease)
            })
    }
}

/// One replica: a manager with leader election and a controller that logs who reconciled.
struct Replica: Sendable {
    let identity: String
    let manager: ControllerManager
    let elector: LeaderElector
    let faults = LeaseFaults()
    /// Every role the elector reported, in order.
    let roles = Recorder<Bool>()

    init(_ identity: String, env: TestEnvironment, log: Recorder<(String, String)>) throws {
        self.identity = identity
        let informer = env.configMapInformer()
        let controller = Controller(name: "le-\(identity)", primary: informer) { key in
            log.append((identity, key.name))
            return .done
        }
        let configuration = try LeaderElectionConfiguration(
            namespace: env.namespace, name: "ballast-test", identity: identity,
            leaseDuration: .seconds(3), renewDeadline: .seconds(2), retryPeriod: .milliseconds(500))
        let roles = roles
        elector = LeaderElector(configuration: configuration, api: faults.wrap(.kubernetes(env.client))) { roles.append($0) }
        manager = ControllerManager(controllers: [controller], leaderElector: elector, drainTimeout: .seconds(5))
    }
}

@Suite("Leader election against the local control plane", .serialized)
struct LeaderElectionSerialTests {
    @Test func onlyTheLeaderReconcilesAndASuccessorTakesOverAfterExpiry() async throws {
        let env = try await TestEnvironment("rt-leader")
        let log = Recorder<(String, String)>()
        let a = try Replica("a", env: env, log: log)
        let b = try Replica("b", env: env, log: log)
        let outcomes = Recorder<(String, String)>()
        let secondLeader = Mutex("")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for replica in [a, b] {
                group.addTask {
                    do { try await replica.manager.run(); outcomes.append((replica.identity, "returned")) }
                    catch { outcomes.append((replica.identity, "\(error)")) }
                }
            }
            #expect(await eventually { a.elector.isLeader || b.elector.isLeader })
            let (leader, follower) = a.elector.isLeader ? (a, b) : (b, a)
            // Each replica learns its role from its first attempt: readiness depends on it.
            #expect(leader.roles.all.last == true)
            #expect(await eventually { follower.roles.all.first == false })
            secondLeader.withLock { $0 = follower.identity }
            try await env.createConfigMap("one")
            #expect(await eventually { log.all.contains { $0 == (leader.identity, "one") } })
            #expect(!log.all.contains { $0.0 == follower.identity })

            // Kill the leader: it can no longer reach the API (so it cannot release the lease).
            let killed = ContinuousClock.now
            leader.faults.kill()
            leader.manager.shutDown()
            #expect(await eventually(timeout: .seconds(15)) { follower.elector.isLeader })
            let takeover = ContinuousClock.now - killed
            print("leader election: takeover after \(takeover)")
            #expect(takeover >= .seconds(2))
            try await env.createConfigMap("two")
            #expect(await eventually { log.all.contains { $0 == (follower.identity, "two") } })
            #expect(!log.all.contains { $0 == (leader.identity, "two") })

            // Now the new leader's renewals fail: it must stop within the renew deadline.
            let failing = ContinuousClock.now
            follower.faults.failRenewals()
            #expect(await eventually(timeout: .seconds(10)) { !follower.elector.isLeader })
            let stepDown = ContinuousClock.now - failing
            print("leader election: stepped down \(stepDown) after renewals started failing")
            #expect(stepDown <= .seconds(2) + .milliseconds(500) + .milliseconds(700))
            let reconcilesBefore = log.count
            try await env.createConfigMap("three")
            try await Task.sleep(for: .seconds(1))
            #expect(log.count == reconcilesBefore)
            try await group.waitForAll()
        }
        let lost = outcomes.all.filter { $0.1.contains("lost its leader election lease") }.map(\.0)
        #expect(lost == [secondLeader.withLock { $0 }])
        await env.tearDown()
    }

    @Test func gracefulShutdownReleasesTheLeaseForAnImmediateSuccessor() async throws {
        let env = try await TestEnvironment("rt-release")
        let log = Recorder<(String, String)>()
        let a = try Replica("a", env: env, log: log)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await a.manager.run() }
            #expect(await eventually { a.elector.isLeader })
            a.manager.shutDown()
            try await group.waitForAll()
        }
        let lease = try await env.client.get(Lease.self, .leases, name: "ballast-test", namespace: env.namespace)
        let holder = lease.spec?.holderIdentity ?? ""
        #expect(holder.isEmpty)
        let b = try Replica("b", env: env, log: log)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await b.manager.run() }
            #expect(await eventually { b.elector.isLeader })
            b.manager.shutDown()
            try await group.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        await env.tearDown()
    }
}
