import Foundation
import KubeTypes

extension AlertmanagerWebhook {
    /// Parses and validates a webhook body strictly.
    ///
    /// Unknown fields are ignored (Alertmanager may add some); every known field must have its
    /// documented type, and the required ones must be present. All problems are collected, not
    /// just the first, so one 400 answer names every bad field.
    /// - Parameters:
    ///   - body: The raw request body (already bounded by ``ReceiverLimits/maxBodyBytes``).
    ///   - limits: The alert-count and label-size bounds to enforce.
    /// - Returns: The validated notification.
    /// - Throws: ``InvalidPayload`` naming each bad field (`alerts[2].fingerprint: missing`).
    public static func parse(_ body: [UInt8], limits: ReceiverLimits = ReceiverLimits()) throws(InvalidPayload)
        -> AlertmanagerWebhook
    {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw InvalidPayload(problems: [PayloadProblem("body", "not valid JSON (\(jsonErrorSummary(error)))")])
        }
        var reader = PayloadReader(limits: limits)
        let webhook = reader.webhook(document)
        guard let webhook, reader.problems.isEmpty else {
            throw InvalidPayload(problems: reader.problems.isEmpty
                ? [PayloadProblem("body", "invalid")] : reader.problems)
        }
        return webhook
    }

    private static func jsonErrorSummary(_ error: any Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "\(error)" }
        let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return underlying ?? context.debugDescription
    }
}
