import BallastAPI
import KubeClient
import KubeTypes

extension ActionExecutor {
    /// Sends a plan's operations in order, for real or with `dryRun=All`.
    ///
    /// A plan made from a target that changed since has a stale resourceVersion: it fails with
    /// code `conflict` and changes nothing; prepare again.
    ///
    /// A failed patch stops the plan; the outcome lists only the changes of operations that
    /// succeeded before it. Evictions continue past a pod a PodDisruptionBudget protects (the
    /// outcome is then ``ExecutionOutcome/Result/blockedByDisruptionBudget(message:)``) or a pod
    /// that is already gone; any other eviction error fails the plan after the remaining pods
    /// were tried. With a `timeoutSeconds` parameter (drains), it then waits that long for the
    /// evicted pods to go away and names those still present in the message.
    ///
    /// Before each operation of a real run it asks ``mutationGate``; when a policy stops
    /// mutations of the target, nothing more is sent and the outcome fails with code
    /// `emergencyStop`: "stopped by emergency stop (SafetyPolicy …) after N of M evictions",
    /// listing the changes made before the stop. Before each eviction it also asks about the
    /// pod's namespace: a pod there is not evicted (its report is
    /// ``EvictionReport/Result/stopped``), the other evictions go on, and the outcome fails with
    /// code `emergencyStop`, naming every pod not evicted and the policies that held it.
    /// - Returns: The outcome; never throws.
    public func apply(_ plan: ExecutionPlan, input: PlanningInput, dryRun: Bool) async -> ExecutionOutcome {
        var applied: [FieldChange] = []
        var reports: [EvictionReport] = []
        var failure: ExecutionFailure?
        let patchChanges = plan.changes.filter { !$0.path.hasPrefix("pods[") }
        for (index, operation) in plan.operations.enumerated() {
            if let stop = stop(before: index, of: plan, input: input, dryRun: dryRun) {
                logger.notice("\(stop.failure.message)", metadata: ["actionId": "\(input.actionId)"])
                return outcome(plan, input: input, dryRun: dryRun, applied: applied, reports: reports, failure: stop.failure)
            }
            switch operation {
            case .patch(let request):
                do throws(KubeError) {
                    _ = try await client.patch(
                        UnstructuredObject.self, request.resource, name: request.name, namespace: request.namespace,
                        request.patch, dryRun: dryRun, fieldManager: fieldManager)
                    applied += patchChanges
                } catch {
                    failure = ExecutionFailure(code: error.code.rawValue, operation: operation.description, message: error.message)
                }
            case .evict(let request):
                if let policies = namespaceStop(of: request, dryRun: dryRun) {
                    reports.append(.stopped(request, by: policies))
                    continue
                }
                let report = await evict(request, dryRun: dryRun)
                reports.append(report)
                if report.result == .evicted { applied.append(request.change) }
                if report.result == .failed, failure == nil {
                    failure = ExecutionFailure(
                        code: "evictionFailed", operation: operation.description, message: report.message ?? "eviction failed")
                }
            }
            if failure != nil, case .patch = operation { break }
        }
        let held = reports.filter { $0.result == .stopped }
        if failure == nil, !held.isEmpty {
            // No failure: every operation ran, so there is one report per eviction of the plan.
            let stopped = ExecutionFailure(
                code: MutationGate.stoppedCode, operation: "EVICT pods \(held.map(\.pod).joined(separator: ", "))",
                message: "\(held.count) of \(reports.count) evictions not started: "
                    + held.map { "\($0.pod) (\($0.message ?? "emergency stop"))" }.joined(separator: "; "))
            logger.notice("\(stopped.message)", metadata: ["actionId": "\(input.actionId)"])
            failure = stopped
        }
        var result = outcome(plan, input: input, dryRun: dryRun, applied: applied, reports: reports, failure: failure)
        if !dryRun, let seconds = input.integer("timeoutSeconds") {
            let evicted = plan.operations.compactMap { operation -> EvictionRequest? in
                guard case .evict(let request) = operation,
                    reports.contains(where: { $0.pod == request.key.description && $0.result == .evicted })
                else { return nil }
                return request
            }
            let lingering = await podsStillPresent(evicted, timeout: .seconds(seconds))
            if !lingering.isEmpty {
                result.message += "; \(lingering.count) evicted pods still present after \(seconds)s: \(lingering.joined(separator: ", "))"
            }
        }
        return result
    }

    private func outcome(
        _ plan: ExecutionPlan, input: PlanningInput, dryRun: Bool, applied: [FieldChange], reports: [EvictionReport],
        failure: ExecutionFailure?
    ) -> ExecutionOutcome {
        let prefix = dryRun ? "dry run: would apply " : ""
        let blocked = reports.filter { $0.result == .blocked }
        let result: ExecutionOutcome.Result
        let message: String
        if let failure {
            result = .failed(failure)
            // A stop is not an API failure: say what stopped it, not which call "failed".
            let head = failure.code == MutationGate.stoppedCode ? failure.message : failure.description
            // Pods held by a namespace's stop do not end the plan: the other changes came after, too.
            let changed = reports.contains { $0.result == .stopped } ? "changed" : "changed before the failure"
            message = head + (applied.isEmpty ? "; nothing was changed" : "; \(changed): \(applied.map(\.path).joined(separator: ", "))")
        } else if !blocked.isEmpty {
            let detail = blocked.map { "\($0.pod): \($0.message ?? "disruption budget")" }.joined(separator: "; ")
            result = .blockedByDisruptionBudget(message: detail)
            message = "\(blocked.count) of \(reports.count) evictions blocked by a PodDisruptionBudget: \(detail)"
        } else if !reports.isEmpty, reports.allSatisfy({ $0.result == .gone }), applied.isEmpty {
            result = .alreadyApplied
            message = "already gone: \(reports.map(\.pod).joined(separator: ", "))"
        } else {
            result = .succeeded
            message = prefix + plan.summary
        }
        let completed = failure == nil && blocked.isEmpty
        return ExecutionOutcome(
            action: input.action, actionId: input.actionId, dryRun: dryRun, result: result, message: message,
            changes: applied, before: plan.before, after: completed ? plan.after : [:], evictions: reports)
    }

    /// Evicts one pod (bound to its uid) and classifies the answer.
    private func evict(_ request: EvictionRequest, dryRun: Bool) async -> EvictionReport {
        let options = DeleteOptions(
            preconditions: request.uid.map { DeleteOptions.Preconditions(uid: $0) }, gracePeriodSeconds: request.gracePeriodSeconds)
        do throws(KubeError) {
            try await client.evict(podName: request.name, namespace: request.namespace, deleteOptions: options, dryRun: dryRun)
            return EvictionReport(pod: request.key.description, result: .evicted)
        } catch {
            switch error.code {
            case .tooManyRequests: return EvictionReport(pod: request.key.description, result: .blocked, message: error.message)
            case .notFound, .conflict: return EvictionReport(pod: request.key.description, result: .gone, message: error.message)
            default: return EvictionReport(pod: request.key.description, result: .failed, message: error.description)
            }
        }
    }
}
