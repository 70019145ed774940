import BallastAPI
import BallastCore
import BallastDecision
import Foundation
import KubeClient
import KubeTypes

/// Observations the lifecycle asks for.
extension RemediationReconciler {
    /// Fills the observation `need` asks for.
    func gather(_ need: LifecycleNeed, in run: inout Run) async throws {
        switch need {
        case .target(let candidate):
            let resolution = try await targets.lookup(candidate)
            run.observations.target = resolution.lookup
            run.seenTarget = resolution.object
        case .decision(let target):
            run.observations.decision = try await decide(target: target, in: &run)
        case .policyVerdict(let query):
            let verdict = try await verdict(query, seen: run.seen(query.target))
            let codes = verdict.reasons.filter { $0.effect == .deny }.map(\.code)
            if verdict.decision == .denied, !Self.repeats(codes, of: run.request) { env.metrics.recordPolicyDenial(reasons: codes) }
            run.observations.verdict = verdict
        case .intent(let actionId):
            let target = try target(of: run.request, for: "gather(intent)")
            run.observed(actionId)
            run.observations.intent = try await ledger.entry(actionId: actionId, target: target)
        case .verification(let target):
            run.observations.verification = try await verification(run.request, target: target)
        }
    }

    /// The decision engine's answer for an alert-driven request on the live target.
    func decide(target: TargetReference, in run: inout Run) async throws -> DecisionObservation {
        let request = run.request
        guard let observation = try await targets.observe(target, depth: .full) else {
            return .failed("\(TargetReader.describe(target)) disappeared before a decision could be made")
        }
        run.seenTarget = observation.object
        let covering = PolicyActions.covering(cachedPolicies, namespaceLabels: env.informers.namespaceLabels(target.namespace))
        let history = env.informers.histories.store.get(ledger.location(of: target))
        let context = DecisionContext(
            request: request, target: observation.summary(of: target, bounds: settings.summaryBounds), history: history,
            allowedActions: PolicyActions.allowed(by: covering, requested: request.spec.allowedActions), now: now)
        let outcome = await decisionEngine.decide(context)
        guard var decision = outcome.decision.status() else {
            return .failed("the decision engine chose \(outcome.decision.action), which is not a catalog action")
        }
        decision.reasoning = decision.reasoning.map { String($0.prefix(Self.maxReasoningLength)) }
        decision.alternatives = decision.alternatives.map { Array($0.prefix(Self.maxAlternatives)) }
        env.metrics.recordDecision(source: decision.source, model: decision.model)
        logger.info(
            "decided \(decision.action.rawValue) (\(decision.source.rawValue), confidence \(decision.confidence))",
            metadata: metadata(request))
        return .decided(decision)
    }

    /// `status.decision.reasoning` and `alternatives` bounds of the CRD.
    static let maxReasoningLength = 4096
    static let maxAlternatives = 5

    /// The policy verdict for the query: covering SafetyPolicies from the cache, the target's
    /// history as the ledger last wrote it (if the cache confirms nobody wrote it since, else
    /// read live: ``HistoryLedger/latestHistory(of:)``), its labels and observed values as this
    /// reconcile read them (`seen`, else read live now), cluster counts from the caches. (The
    /// executor enforces the limits on the object its patch applies to: a target that moved
    /// since is a 409 and a re-read, so a value a moment old cannot let an action exceed them.)
    func verdict(_ query: PolicyQuery, seen: UnstructuredObject?) async throws -> Verdict {
        let target = query.target
        let live: TargetObservation? = if let seen { TargetObservation(object: seen) } else {
            try await targets.observe(target, depth: .object)
        }
        let history = try await ledger.latestHistory(of: target)
        let policies = cachedPolicies
        let cluster = ScopeCounting.clusterState(
            policies: policies, requests: RequestPhaseIndex.executing(of: env.informers.requests.store),
            digests: env.informers.historyDigests(),
            namespaceLabels: env.informers.namespaceLabels, now: now)
        let proposal = ProposedAction(
            target: target, namespaceLabels: env.informers.namespaceLabels(target.namespace), targetLabels: live?.labels ?? [:],
            action: query.action, parameters: query.parameters, observed: live?.observed ?? [:], confidence: query.confidence,
            mode: query.mode, allowedActions: query.allowedActions)
        return PolicyEvaluator.evaluate(proposal, history: TargetHistory(history), policies: policies, cluster: cluster, now: now)
    }

    /// Whether denying with `codes` only repeats the denial that holds `request` Blocked (the
    /// re-check of a Blocked request finding the same reason): counted once, when it first
    /// blocked, not at every re-check.
    static func repeats(_ codes: [PolicyReasonCode], of request: RemediationRequest) -> Bool {
        guard request.status?.phase == .blocked,
            let reason = request.status?.conditions?.condition(LifecycleCondition.policyAllowed)?.reason
        else { return false }
        return codes.first?.rawValue == reason
    }

    /// Whether the alert resolved (as the receiver recorded it in `status.verification`) and
    /// whether the target looks healthy now; recurrences and new alerts from the target's
    /// ActionHistory alert log since the action.
    func verification(_ request: RemediationRequest, target: TargetReference) async throws -> VerificationSignal {
        let recorded = request.status?.verification
        let resolvedAt = recorded?.alertResolved == true ? (recorded?.resolvedAt ?? now) : nil
        // A Pod target that is gone after the action was evicted or deleted and replaced by its
        // controller: what delete_pod set out to do. Any other missing target is unhealthy.
        let healthy = try await targets.observe(target, depth: .pods)?.healthy ?? (target.kind == "Pod")
        let since = request.status?.execution?.startedAt ?? .distantPast
        let alerts = (env.informers.histories.store.get(ledger.location(of: target))?.status?.alerts ?? [])
            .filter { $0.state == .firing && $0.at > since }
        let name = request.spec.alert?.name
        let recurred = resolvedAt.map { resolved in alerts.contains { $0.name == name && $0.at > resolved } } ?? false
        let newAlerts = Set(alerts.map(\.name).filter { $0 != name }).count
        return VerificationSignal(alertResolvedAt: resolvedAt, targetHealthy: healthy, recurred: recurred, newAlerts: newAlerts)
    }

    /// Every SafetyPolicy in the cache.
    var cachedPolicies: [SafetyPolicy] { env.informers.policies.store.list() }

    /// The names of the policies whose emergency stop covers the request's target (its
    /// namespace before the target is resolved).
    func emergencyStops(for request: RemediationRequest) -> [String] {
        let namespace = request.status?.target.map(\.namespace) ?? request.metadata.namespace
        return ScopeCounting.emergencyStops(policies: cachedPolicies, namespace: namespace, namespaceLabels: env.informers.namespaceLabels)
    }

    /// The strictest limits the policies covering the order's target put on its action.
    func limits(for order: ExecutionOrder) -> [String: JSONValue] {
        let covering = PolicyActions.covering(cachedPolicies, namespaceLabels: env.informers.namespaceLabels(order.target.namespace))
        return PolicyActions.limits(for: order.action, policies: covering)
    }

    /// An older active request for the same alert fingerprint in the same namespace, if any
    /// (the receiver folds repeats into one request; this catches requests created otherwise).
    func duplicate(of request: RemediationRequest) -> String? {
        guard let fingerprint = request.spec.alert?.fingerprint, !fingerprint.isEmpty,
            let namespace = request.metadata.namespace
        else { return nil }
        let me = ExistingRequest(request)
        return env.informers.requests.store.list(namespace: namespace)
            .filter { $0.metadata.uid != request.metadata.uid && $0.spec.alert?.fingerprint == fingerprint }
            .map(ExistingRequest.init)
            .filter { $0.isActive && ExistingRequest.olderThan($0, me) }
            .min(by: ExistingRequest.olderThan)?.name
    }
}
