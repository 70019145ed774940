import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// The ``RemediationRequestSink`` the operator runs with: RemediationRequests in the API server.
///
/// Every call re-reads the requests for the fingerprint (label `ballast.dev/fingerprint`) and
/// applies the pure ``FiringDecision`` / ``ResolutionDecision``, so it is level-triggered and
/// safe with several receivers at once:
/// - two creators of the same name: the second gets 409 `AlreadyExists`, re-reads, and
///   deduplicates into the request the first created;
/// - the deduplication count is a merge patch of `/status` carrying the `resourceVersion` it was
///   computed from, so a concurrent write yields 409 and a re-read instead of a lost increment;
/// - a resolution is a merge patch of `status.verification` only, idempotent under retries.
/// Conflicts are retried up to ``maxAttempts`` times after a short jittered pause (each round
/// lets at least one contender win, so N concurrent writers need at most N rounds). An answer
/// retrying cannot change (400, 422, the namespace missing or terminating: ``isPermanent(_:)``) is thrown as
/// ``AlertRejected`` and the receiver rejects that alert alone; every other ``KubeError`` is
/// thrown as it is, and the receiver answers 503 so Alertmanager retries.
public struct KubeRemediationRequestSink: RemediationRequestSink {
    /// The field manager recorded on every write.
    public static let fieldManager = "ballast-receiver"

    private let client: KubeClient
    /// Read–decide–write rounds before a persistent conflict is reported.
    public let maxAttempts: Int

    /// Creates a sink writing through `client`.
    public init(client: KubeClient, maxAttempts: Int = 10) {
        self.client = client
        self.maxAttempts = max(1, maxAttempts)
    }

    /// See ``RemediationRequestSink/createOrDeduplicate(_:)``.
    /// - Throws: ``AlertRejected`` for a permanent refusal, a transient ``KubeError`` from the
    ///   API server, or ``SinkContention`` after ``maxAttempts`` conflicting rounds.
    public func createOrDeduplicate(_ alert: FiringAlert) async throws -> FiringOutcome {
        try await rejectingPermanentErrors { try await createOrDeduplicateRounds(alert) }
    }

    private func createOrDeduplicateRounds(_ alert: FiringAlert) async throws -> FiringOutcome {
        for round in 0..<maxAttempts {
            try Task.checkCancellation()
            if round > 0 {
                // Spread the contenders out: 5–15 ms times the round (client-go retries at ~10 ms).
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...15) * round))
            }
            if let outcome = try await attempt(alert) { return outcome }
        }
        throw SinkContention(namespace: alert.namespace, fingerprint: alert.fingerprint, attempts: maxAttempts)
    }

    /// One read–decide–write round; `nil` when a concurrent writer got in between.
    private func attempt(_ alert: FiringAlert) async throws(KubeError) -> FiringOutcome? {
        let existing = try await requests(namespace: alert.namespace, fingerprint: alert.fingerprint)
        switch FiringDecision.decide(baseName: alert.baseName, existing: existing.map(ExistingRequest.init)) {
        case .create(let name):
            do {
                return try await create(alert, name: name)
            } catch {
                guard error.code == .alreadyExists else { throw error }
                return nil
            }
        case .deduplicate(let name):
            guard let current = existing.first(where: { $0.metadata.name == name }) else { return nil }
            do {
                return try await deduplicate(into: current, seenAt: alert.receivedAt)
            } catch {
                // Changed (409) or deleted (404) since it was read: read again. A 404 here says
                // nothing about the alert, so it must not become a permanent rejection.
                guard error.code == .conflict || error.code == .notFound else { throw error }
                return nil
            }
        }
    }

    /// See ``RemediationRequestSink/markResolved(_:)``.
    /// - Throws: ``AlertRejected`` for a permanent refusal, else a transient ``KubeError`` from
    ///   the API server (a request deleted meanwhile is skipped).
    public func markResolved(_ alert: ResolvedAlert) async throws -> [ObjectKey] {
        try await rejectingPermanentErrors { try await markResolvedOnce(alert) }
    }

    /// Whether the API server's answer is about this alert and stays the same however often it
    /// is sent again: 400 (bad request), 422 (the object is invalid), 404 for the alert's
    /// namespace (it does not exist) and 403 because that namespace is being deleted.
    ///
    /// Everything else is transient, so Alertmanager retries and no alert is lost to a fixable
    /// fault: timeouts, 429, 5xx, transport errors, conflicts — and a 403 from RBAC or a 404 for
    /// the RemediationRequest resource itself (a missing role binding or CRD fails every alert
    /// alike and is fixed by an admin, after which the retries succeed).
    public static func isPermanent(_ error: KubeError) -> Bool {
        switch error.code {
        case .badRequest, .invalid: true
        case .notFound: error.status?.details?.kind == "namespaces"
        case .forbidden:
            error.causes.contains { $0.reason == "NamespaceTerminating" }
                || error.message.contains("because it is being terminated")
        default: false
        }
    }

    /// Runs `body`, turning a permanent ``KubeError`` into ``AlertRejected``.
    private func rejectingPermanentErrors<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as KubeError where Self.isPermanent(error) {
            throw AlertRejected(reason: error.description)
        }
    }

    private func markResolvedOnce(_ alert: ResolvedAlert) async throws -> [ObjectKey] {
        let existing = try await requests(namespace: alert.namespace, fingerprint: alert.fingerprint)
        var marked: [ObjectKey] = []
        for name in ResolutionDecision.requestsToMark(existing.map(ExistingRequest.init)) {
            if try await resolve(name: name, namespace: alert.namespace, at: alert.resolvedAt) {
                marked.append(ObjectKey(namespace: alert.namespace, name: name))
            }
        }
        return marked
    }

    /// Records the resolution on one request; `false` when it was deleted meanwhile.
    private func resolve(name: String, namespace: String, at resolvedAt: Date) async throws(KubeError) -> Bool {
        let patch: JSONValue = ["status": ["verification": [
            "alertResolved": true, "resolvedAt": .string(KubeTime.format(resolvedAt)),
        ]]]
        do {
            try await client.patchStatus(
                RemediationRequest.self, .remediationRequests, name: name, namespace: namespace, .merge(patch),
                fieldManager: Self.fieldManager)
            return true
        } catch {
            guard error.code == .notFound else { throw error }
            return false
        }
    }

    private func requests(namespace: String, fingerprint: String) async throws(KubeError) -> [RemediationRequest] {
        let selector = "\(AlertRequestMapping.fingerprintLabel)=\(fingerprint)"
        return try await client.listAll(
            RemediationRequest.self, .remediationRequests, namespace: namespace,
            options: ListOptions(labelSelector: selector)
        ).items
    }

    private func create(_ alert: FiringAlert, name: String) async throws(KubeError) -> FiringOutcome {
        let request = RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: alert.namespace, labels: alert.metadataLabels),
            spec: alert.spec)
        try await client.create(request, .remediationRequests, fieldManager: Self.fieldManager)
        return .created(ObjectKey(namespace: alert.namespace, name: name))
    }

    private func deduplicate(into request: RemediationRequest, seenAt: Date) async throws(KubeError) -> FiringOutcome {
        let name = request.metadata.name ?? ""
        let namespace = request.metadata.namespace ?? ""
        let count = (request.status?.deduplication?.count ?? 0) + 1
        // resourceVersion in a merge patch is a precondition: a concurrent write answers 409.
        var metadata: [String: JSONValue] = [:]
        metadata["resourceVersion"] = request.metadata.resourceVersion.map(JSONValue.string)
        let patch: JSONValue = [
            "metadata": .object(metadata),
            "status": ["deduplication": ["count": .int(count), "lastSeen": .string(KubeTime.format(seenAt))]],
        ]
        try await client.patchStatus(
            RemediationRequest.self, .remediationRequests, name: name, namespace: namespace, .merge(patch),
            fieldManager: Self.fieldManager)
        return .deduplicated(ObjectKey(namespace: namespace, name: name), count: count)
    }
}

/// Every read–decide–write round of a sink call met a concurrent writer.
public struct SinkContention: Error, Sendable, CustomStringConvertible {
    /// The namespace of the contended requests.
    public var namespace: String
    /// The alert's fingerprint.
    public var fingerprint: String
    /// How many rounds were tried.
    public var attempts: Int

    /// A sentence naming the fingerprint and the namespace.
    public var description: String {
        "requests for fingerprint \(fingerprint) in \(namespace) kept changing during \(attempts) attempts"
    }
}
