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
            throw InvalidPayload(problems: [PayloadProblem("body", "not valid JSON (\(jsonErrorSummary(body)))")])
        }
        var reader = PayloadReader(limits: limits)
        let webhook = reader.webhook(document)
        guard let webhook, reader.problems.isEmpty else {
            throw InvalidPayload(problems: reader.problems.isEmpty
                ? [PayloadProblem("body", "invalid")] : reader.problems)
        }
        return webhook
    }

    /// Where the JSON broke. `JSONDecoder` only says "not valid JSON"; `JSONSerialization`
    /// names the character and offset, so it is asked on this (rare) error path.
    private static func jsonErrorSummary(_ body: [UInt8]) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(body), options: .fragmentsAllowed)
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail
            }
        }
        return "the data is not valid JSON"
    }
}
