import BallastAPI
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes

/// Writes to the request: annotations and the finalizer, status, Events; the ledger calls.
extension RemediationReconciler {
    /// Merge-patches `annotations[key] = value` (and adds the finalizer, in the same write),
    /// conditional on the resourceVersion read.
    func annotate(_ request: RemediationRequest, key: String, value: String) async throws(KubeError) -> RemediationRequest {
        guard request.metadata.annotations?[key] != value || needsFinalizer(request) else { return request }
        var metadata: [String: JSONValue] = [
            "resourceVersion": request.metadata.resourceVersion.map(JSONValue.string) ?? .null,
            "annotations": [key: .string(value)],
        ]
        if needsFinalizer(request), let finalizers = Finalizers.adding(RemediationSettings.finalizer, to: request.metadata) {
            metadata["finalizers"] = .array(finalizers.map(JSONValue.string))
        }
        return try await patchMetadata(request, .object(metadata))
    }

    /// Adds the finalizer unless present (normally it came with the first annotation).
    func ensureFinalizer(_ request: RemediationRequest) async throws(KubeError) -> RemediationRequest {
        guard needsFinalizer(request), let finalizers = Finalizers.adding(RemediationSettings.finalizer, to: request.metadata) else {
            return request
        }
        return try await patchMetadata(request, [
            "resourceVersion": request.metadata.resourceVersion.map(JSONValue.string) ?? .null,
            "finalizers": .array(finalizers.map(JSONValue.string)),
        ])
    }

    /// Removes the finalizer if present (a finished or deleted request holds nothing in flight).
    func releaseFinalizer(_ request: RemediationRequest) async throws(KubeError) {
        guard let finalizers = Finalizers.removing(RemediationSettings.finalizer, from: request.metadata) else { return }
        do throws(KubeError) {
            _ = try await patchMetadata(request, [
                "resourceVersion": request.metadata.resourceVersion.map(JSONValue.string) ?? .null,
                "finalizers": .array(finalizers.map(JSONValue.string)),
            ])
        } catch where error.code == .notFound || error.code == .conflict {
            // Gone, or the cache is behind a newer version of the request: the watch delivers
            // that version, and its reconcile releases the finalizer. Not an error.
            return
        }
    }

    private func needsFinalizer(_ request: RemediationRequest) -> Bool {
        request.metadata.deletionTimestamp == nil && !(request.metadata.finalizers ?? []).contains(RemediationSettings.finalizer)
    }

    /// A merge patch of `metadata`; keeps the status this reconcile is building.
    private func patchMetadata(_ request: RemediationRequest, _ metadata: JSONValue) async throws(KubeError) -> RemediationRequest {
        let stored = try await env.client.patch(
            RemediationRequest.self, .remediationRequests, name: request.metadata.name ?? "", namespace: request.metadata.namespace,
            .merge(["metadata": metadata]), fieldManager: settings.fieldManager)
        var updated = request
        updated.metadata = stored.metadata
        return updated
    }

    /// Writes the status the run computed (a PUT of `/status` with the resourceVersion last
    /// read or written; skipped when the API server already stores it), then emits the Events
    /// the steps ordered with it (concurrently: each is its own write, none depends on another).
    func flush(_ run: inout Run) async throws(KubeError) {
        if run.request.status != run.stored {
            let stored = try await env.client.updateStatus(run.request, .remediationRequests, fieldManager: settings.fieldManager)
            run.request.metadata = stored.metadata
            run.stored = run.request.status
            logger.debug("wrote status", metadata: metadata(run.request))
        }
        let request = run.request
        await withTaskGroup(of: Void.self) { group in
            for event in run.events { group.addTask { await emit(event, about: request) } }
        }
        run.events = []
    }

    /// Completes a history entry through the ledger.
    func complete(_ completion: HistoryCompletion, request: RemediationRequest) async throws {
        let target = try target(of: request, for: "completeHistoryEntry")
        let edit = try await ledger.complete(completion, target: target)
        var details = metadata(request)
        details["actionId"] = "\(completion.actionId)"
        if edit == .missing {
            logger.warning("no ActionHistory entry to complete as \(completion.state.rawValue)", metadata: details)
        } else {
            logger.info("completed history entry as \(completion.state.rawValue)", metadata: details)
        }
    }

    /// Records a Kubernetes Event about the request.
    func emit(_ event: LifecycleEvent, about request: RemediationRequest) async {
        let type: EventType = event.type == .warning ? .warning : .normal
        let reference = ObjectReference(apiVersion: request.apiVersion, kind: request.kind, metadata: request.metadata)
        await env.events.record(type, reason: event.reason, message: event.message, about: reference)
    }

    /// After a reconcile's last step: metrics and logs for a request that just finished, and
    /// the release of its finalizer.
    func settled(_ request: RemediationRequest, from original: RemediationRequestStatus?) async throws(KubeError) {
        let phase = request.status?.phase ?? .pending
        if phase != (original?.phase ?? .pending) {
            logger.info("phase \(original?.phase?.rawValue ?? "Pending") → \(phase.rawValue)", metadata: metadata(request))
        }
        guard phase.isTerminal else { return }
        if original?.phase?.isTerminal != true {
            env.metrics.recordRemediation(phase: phase, action: request.status?.decision?.action, outcome: request.status?.execution?.result)
            if request.status?.verification?.alertResolved == true, let resolved = request.status?.verification?.resolvedAt,
                let started = request.spec.alert?.startsAt, request.status?.execution?.finishedAt != nil
            {
                env.metrics.recordAlertResolution(after: .seconds(resolved.timeIntervalSince(started)))
            }
        }
        try await releaseFinalizer(request)
    }

    /// A request being deleted: completes the Pending entry of its current action (from what
    /// the target shows), then lets it go.
    func settleDeletion(_ request: RemediationRequest) async throws -> ReconcileResult {
        guard (request.metadata.finalizers ?? []).contains(RemediationSettings.finalizer) else { return .done }
        if let execution = request.status?.execution, let target = request.status?.target {
            let lookup = try await ledger.entry(actionId: execution.actionId, target: target)
            let entry: ActionEntry? = if case .recorded(let entry) = lookup { entry } else { nil }
            if entry?.state == .pending {
                var check = AppliedCheck.notApplied
                if execution.startedAt != nil {
                    check = try await targets.appliedCheck(actionId: execution.actionId, action: request.status?.decision?.action, target: target)
                }
                if let completion = DeletionSettlement.completion(execution: execution, entry: entry, shows: check, now: now) {
                    try await ledger.complete(completion, target: target)
                    logger.info("request deleted mid-flight; history entry completed as \(completion.state.rawValue)", metadata: metadata(request))
                }
            }
        }
        try await releaseFinalizer(request)
        return .done
    }
}
