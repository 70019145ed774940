import BallastAPI
import Foundation
import KubeTypes
@testable import BallastOperator

/// A sink over an in-memory set of requests that applies the same pure decisions as the
/// KubeClient-backed sink, and records every call.
actor InMemorySink: RemediationRequestSink {
    struct Stored: Sendable {
        var key: ObjectKey
        var fingerprint: String
        var spec: RemediationRequestSpec
        var labels: [String: String]
        var phase: RemediationPhase?
        var dedupCount: Int64 = 0
        var resolvedAt: Date?
        var createdAt: Date
    }

    private(set) var requests: [ObjectKey: Stored] = [:]
    private(set) var firingCalls: [FiringAlert] = []
    private(set) var resolvedCalls: [ResolvedAlert] = []
    private var failure: (any Error)?
    private var delay: Duration?
    private var sequence = 0
    /// Sink calls that have begun (counted before any injected delay or failure).
    private(set) var callsStarted = 0
    /// Sink calls whose injected delay ended by cancellation.
    private(set) var callsCancelled = 0
    private var holding = false
    private var held: [CheckedContinuation<Void, Never>] = []

    private var refusedNamespaces: Set<String> = []

    func fail(with error: (any Error)?) { failure = error }
    /// Makes every later call for a request in `namespace` throw ``AlertRejected``, as the API
    /// server refuses a namespace that does not exist.
    func refuse(namespace: String) { refusedNamespaces.insert(namespace) }
    func slowDown(by delay: Duration?) { self.delay = delay }
    /// Makes every call wait until ``release()``, however long that takes.
    func hold() { holding = true }
    /// Lets the held calls (and all later ones) through.
    func release() {
        holding = false
        for call in held { call.resume() }
        held = []
    }
    func setPhase(_ phase: RemediationPhase, of key: ObjectKey) { requests[key]?.phase = phase }

    func createOrDeduplicate(_ alert: FiringAlert) async throws -> FiringOutcome {
        try await misbehave()
        firingCalls.append(alert)
        if refusedNamespaces.contains(alert.namespace) {
            throw AlertRejected(reason: "namespaces \"\(alert.namespace)\" not found")
        }
        let existing = summaries(namespace: alert.namespace, fingerprint: alert.fingerprint)
        switch FiringDecision.decide(baseName: alert.baseName, existing: existing) {
        case .create(let name):
            let key = ObjectKey(namespace: alert.namespace, name: name)
            sequence += 1
            requests[key] = Stored(
                key: key, fingerprint: alert.fingerprint, spec: alert.spec, labels: alert.metadataLabels,
                createdAt: Date(timeIntervalSince1970: TimeInterval(sequence)))
            return .created(key)
        case .deduplicate(let name):
            let key = ObjectKey(namespace: alert.namespace, name: name)
            requests[key]?.dedupCount += 1
            return .deduplicated(key, count: requests[key]?.dedupCount ?? 0)
        }
    }

    func markResolved(_ alert: ResolvedAlert) async throws -> [ObjectKey] {
        try await misbehave()
        resolvedCalls.append(alert)
        let names = ResolutionDecision.requestsToMark(summaries(namespace: alert.namespace, fingerprint: alert.fingerprint))
        return names.map { name in
            let key = ObjectKey(namespace: alert.namespace, name: name)
            requests[key]?.resolvedAt = alert.resolvedAt
            return key
        }
    }

    private func summaries(namespace: String, fingerprint: String) -> [ExistingRequest] {
        requests.values
            .filter { $0.key.namespace == namespace && $0.fingerprint == fingerprint }
            .map { ExistingRequest(name: $0.key.name, phase: $0.phase, alertResolved: $0.resolvedAt != nil, createdAt: $0.createdAt) }
    }

    private func misbehave() async throws {
        callsStarted += 1
        if holding { await withCheckedContinuation { held.append($0) } }
        if let delay {
            do {
                try await Task.sleep(for: delay)
            } catch {
                callsCancelled += 1
                throw error
            }
        }
        if let failure { throw failure }
    }
}

struct SinkDown: Error, CustomStringConvertible {
    var description: String { "API server unreachable" }
}
