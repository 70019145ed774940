import Foundation
import BallastAPI

extension StatusReport {
    /// Two tables, POLICIES and REQUESTS, with a sentence instead of a table when one is empty.
    /// - Parameters:
    ///   - now: The current time, for ages.
    ///   - scope: How the requests were selected, e.g. `namespace shop` or `all namespaces`.
    ///   - showNamespace: Whether to print the NAMESPACE column (across namespaces).
    public func render(now: Date, scope: String, showNamespace: Bool) -> String {
        var sections: [String] = []
        if let policyError {
            sections.append("SafetyPolicies unknown: \(policyError)")
        } else if policies.isEmpty {
            sections.append("No SafetyPolicy: Ballast applies its built-in defaults in DryRun mode (nothing really executes).")
        } else {
            var table = TextTable(headers: ["Policy", "Mode", "Emergency stop", "Executing", "Actions in window", "Open breakers"])
            for policy in policies {
                table.append([
                    policy.name, policy.mode, Self.emergencyStop(policy, now: now),
                    policy.executing.map(String.init) ?? "-",
                    Self.window(policy),
                    Self.breakers(policy.openBreakers, now: now),
                ])
            }
            sections.append(table.render())
        }
        if requests.isEmpty {
            sections.append("No RemediationRequests in \(scope).")
        } else {
            let headers = (showNamespace ? ["Namespace"] : []) + ["Request", "Phase", "Action", "Target", "Age", "Reason"]
            var table = TextTable(headers: headers, maxCellWidth: 72)
            for request in requests {
                let cells = [
                    request.name, request.phase, request.action ?? "-", request.target ?? "-",
                    request.createdAt.map { RelativeTime.span(now.timeIntervalSince($0)) } ?? "-", request.reason,
                ]
                table.append((showNamespace ? [request.namespace] : []) + cells)
            }
            var text = table.render()
            if totalRequests > requests.count {
                text += "\n(\(requests.count) newest of \(totalRequests) requests in \(scope); --limit shows more)"
            }
            sections.append(text)
        }
        return sections.joined(separator: "\n\n")
    }

    /// `off`, `ON by alice since 3m ago: reason`, with `(not yet confirmed)` while the operator
    /// has not observed the spec or reports another state.
    static func emergencyStop(_ policy: PolicyLine, now: Date) -> String {
        let confirmed = policy.observed && policy.emergencyStopActive == policy.emergencyStopRequested
        let pending = confirmed ? "" : " (not yet confirmed)"
        guard policy.emergencyStopRequested else {
            return policy.emergencyStopActive == true ? "lifting\(pending)" : "off\(pending)"
        }
        var text = "ON"
        if let by = policy.emergencyStopBy { text += " by \(by)" }
        if let since = policy.emergencyStopSince { text += " since \(RelativeTime.describe(since, now: now))" }
        if let reason = policy.emergencyStopReason, !reason.isEmpty { text += ": \(reason)" }
        return text + pending
    }

    /// `4 of 20/1h`, `4`, or `-`.
    static func window(_ policy: PolicyLine) -> String {
        switch (policy.actionsInWindow, policy.rateLimit) {
        case (let count?, let limit?): return "\(count) of \(limit)"
        case (let count?, nil): return "\(count)"
        case (nil, _): return "-"
        }
    }

    /// `none`, or `restart_deployment Open, closes in 20m, update_hpa HalfOpen`.
    static func breakers(_ breakers: [CircuitBreakerStatus], now: Date) -> String {
        guard !breakers.isEmpty else { return "none" }
        return breakers.map { breaker in
            let until = breaker.until.map { ", closes \(RelativeTime.describe($0, now: now))" } ?? ""
            return "\(breaker.action.rawValue) \(breaker.state.rawValue)\(until)"
        }.joined(separator: ", ")
    }
}
