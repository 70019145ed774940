/// The receiver's answer to one notification, independent of the HTTP framework.
public struct ReceiverReply: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// A one-line plain-text message (the 400 message names every bad field).
    public var message: String
    /// Seconds for the `Retry-After` header; set on 503 only.
    public var retryAfter: Int?

    /// Creates a reply.
    public init(status: Int, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    /// 200: every alert was recorded, or refused for a reason a retry cannot fix (the message
    /// counts and names those).
    public static func ok(_ message: String) -> ReceiverReply { ReceiverReply(status: 200, message: message) }
    /// 400: the body is not a valid notification; nothing was recorded.
    public static func badRequest(_ message: String) -> ReceiverReply { ReceiverReply(status: 400, message: message) }
    /// 413: the body exceeds the size limit; nothing was recorded.
    public static func tooLarge(limit: Int) -> ReceiverReply {
        ReceiverReply(status: 413, message: "body: larger than the limit of \(limit) bytes")
    }
    /// 503: try again later; Alertmanager retries on 5xx.
    public static func unavailable(_ message: String, retryAfter: Int) -> ReceiverReply {
        ReceiverReply(status: 503, message: message, retryAfter: retryAfter)
    }
}

/// What happened to one alert of a notification.
public enum ReceivedAlertResult: String, Sendable, CaseIterable {
    /// A new request was created.
    case created
    /// The alert was folded into an active request.
    case deduplicated
    /// At least one request was marked resolved.
    case resolved
    /// A resolved alert matched no request without a recorded resolution.
    case unmatched
    /// The API server refused the alert for a reason retrying cannot fix (``AlertRejected``).
    case rejected
    /// The request's namespace is outside the operator's namespaces; nothing was created.
    case outOfScope
}

/// Counts of what one notification did, for the 200 answer.
struct ReceiptSummary: CustomStringConvertible {
    /// The results always listed; the others are listed only when they occurred.
    private static let alwaysListed: [ReceivedAlertResult] = [.created, .deduplicated, .resolved, .unmatched]

    private var counts: [ReceivedAlertResult: Int] = [:]
    private var refusals: [String] = []

    mutating func count(_ result: ReceivedAlertResult) {
        counts[result, default: 0] += 1
    }

    /// Counts `result` for an alert that was not recorded, naming it and why in the answer.
    mutating func refuse(_ result: ReceivedAlertResult, alert: String, reason: String) {
        count(result)
        refusals.append("\(alert): \(reason)")
    }

    /// `created 1, deduplicated 0, resolved 0, unmatched 0`, then e.g. `, rejected 1` and
    /// `; alerts[1] (fingerprint 0b): <reason>` for every alert that was not recorded.
    var description: String {
        let listed = ReceivedAlertResult.allCases.filter { Self.alwaysListed.contains($0) || counts[$0] != nil }
        let text = listed.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        return ([text] + refusals).joined(separator: "; ")
    }
}
