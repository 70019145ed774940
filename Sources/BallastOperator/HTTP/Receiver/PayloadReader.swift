import Foundation
import KubeTypes

/// Walks a decoded JSON document, collecting ``PayloadProblem``s with their paths.
struct PayloadReader {
    let limits: ReceiverLimits
    private(set) var problems: [PayloadProblem] = []

    init(limits: ReceiverLimits) {
        self.limits = limits
    }

    mutating func webhook(_ document: JSONValue) -> AlertmanagerWebhook? {
        guard case .object(let root) = document else {
            problems.append(PayloadProblem("body", "expected a JSON object, found \(document.kindName)"))
            return nil
        }
        let version = requiredText(root["version"], at: "version")
        if let version, version != AlertmanagerWebhook.supportedVersion {
            problems.append(PayloadProblem(
                "version", "unsupported \"\(version)\"; expected \"\(AlertmanagerWebhook.supportedVersion)\""))
        }
        let groupKey = requiredText(root["groupKey"], at: "groupKey", allowEmpty: true)
        let truncated = integer(root["truncatedAlerts"], at: "truncatedAlerts") ?? 0
        let status = alertStatus(root["status"], at: "status")
        let receiver = requiredText(root["receiver"], at: "receiver", allowEmpty: true)
        let groupLabels = labels(root["groupLabels"], at: "groupLabels", required: false)
        let commonLabels = labels(root["commonLabels"], at: "commonLabels", required: false)
        let commonAnnotations = annotations(root["commonAnnotations"], at: "commonAnnotations")
        let externalURL = optionalString(root["externalURL"], at: "externalURL")
        let alerts = alertList(root["alerts"])
        guard let version, let groupKey, let status, let receiver, let alerts else { return nil }
        return AlertmanagerWebhook(
            version: version, groupKey: groupKey, truncatedAlerts: truncated, status: status,
            receiver: receiver, groupLabels: groupLabels ?? [:], commonLabels: commonLabels ?? [:],
            commonAnnotations: commonAnnotations, externalURL: externalURL, alerts: alerts)
    }

    private mutating func alertList(_ value: JSONValue?) -> [AlertmanagerAlert]? {
        guard let value else {
            problems.append(PayloadProblem("alerts", "missing"))
            return nil
        }
        guard case .array(let items) = value else {
            problems.append(PayloadProblem("alerts", "expected an array, found \(value.kindName)"))
            return nil
        }
        guard !items.isEmpty else {
            problems.append(PayloadProblem("alerts", "must not be empty"))
            return nil
        }
        guard items.count <= limits.maxAlerts else {
            problems.append(PayloadProblem("alerts", "\(items.count) alerts exceed the limit of \(limits.maxAlerts)"))
            return nil
        }
        let alerts = items.enumerated().map { index, item in alert(item, at: "alerts[\(index)]") }
        return alerts.contains(nil) ? nil : alerts.compactMap { $0 }
    }

    private mutating func alert(_ value: JSONValue, at path: String) -> AlertmanagerAlert? {
        guard case .object(let fields) = value else {
            problems.append(PayloadProblem(path, "expected an object, found \(value.kindName)"))
            return nil
        }
        let status = alertStatus(fields["status"], at: "\(path).status")
        let labels = labels(fields["labels"], at: "\(path).labels", required: true)
        let alertName = labels?[AlertmanagerAlert.alertNameLabel] ?? ""
        if labels != nil, alertName.isEmpty {
            problems.append(PayloadProblem("\(path).labels.\(AlertmanagerAlert.alertNameLabel)", "missing"))
        }
        // The name becomes spec.alert.name; every other copied field is within the CRD's bounds
        // by ReceiverLimits (labels ≤ 64 of ≤ 1,024 bytes, annotations truncated, fingerprint ≤ 63).
        let nameLength = alertName.unicodeScalars.count
        if nameLength > AlertmanagerAlert.maxNameLength {
            problems.append(PayloadProblem(
                "\(path).labels.\(AlertmanagerAlert.alertNameLabel)",
                "\(nameLength) characters exceed the limit of \(AlertmanagerAlert.maxNameLength) (spec.alert.name)"))
        }
        let annotations = annotations(fields["annotations"], at: "\(path).annotations")
        let startsAt = time(fields["startsAt"], at: "\(path).startsAt", required: true)
        let endsAt = time(fields["endsAt"], at: "\(path).endsAt", required: false)
        let generatorURL = optionalString(fields["generatorURL"], at: "\(path).generatorURL")
        let fingerprint = fingerprint(fields["fingerprint"], at: "\(path).fingerprint")
        guard let status, let labels, let startsAt, let fingerprint, !alertName.isEmpty,
            nameLength <= AlertmanagerAlert.maxNameLength
        else { return nil }
        return AlertmanagerAlert(
            status: status, labels: labels, annotations: annotations, startsAt: startsAt,
            endsAt: endsAt, generatorURL: generatorURL, fingerprint: fingerprint)
    }

    // MARK: Field readers

    private mutating func optionalString(_ value: JSONValue?, at path: String) -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value else {
            problems.append(PayloadProblem(path, "expected a string, found \(value.kindName)"))
            return nil
        }
        return text
    }

    private mutating func integer(_ value: JSONValue?, at path: String) -> Int? {
        guard let value, value != .null else { return nil }
        guard case .int(let number) = value, number >= 0, let result = Int(exactly: number) else {
            problems.append(PayloadProblem(path, "expected a non-negative integer, found \(value.kindName)"))
            return nil
        }
        return result
    }

    private mutating func alertStatus(_ value: JSONValue?, at path: String) -> AlertmanagerAlert.Status? {
        guard let text = requiredText(value, at: path) else { return nil }
        guard let status = AlertmanagerAlert.Status(rawValue: text) else {
            problems.append(PayloadProblem(path, "expected \"firing\" or \"resolved\", found \"\(text.prefix(40))\""))
            return nil
        }
        return status
    }

    private mutating func fingerprint(_ value: JSONValue?, at path: String) -> String? {
        guard let text = requiredText(value, at: path) else { return nil }
        guard text.utf8.count <= 63, text.unicodeScalars.allSatisfy(\.isASCIIAlphanumeric) else {
            problems.append(PayloadProblem(path, "expected up to 63 letters and digits, found \"\(text.prefix(70))\""))
            return nil
        }
        return text
    }

    private mutating func time(_ value: JSONValue?, at path: String, required: Bool) -> Date? {
        guard let value, value != .null else {
            if required { problems.append(PayloadProblem(path, "missing")) }
            return nil
        }
        guard case .string(let text) = value else {
            problems.append(PayloadProblem(path, "expected an RFC 3339 time, found \(value.kindName)"))
            return nil
        }
        if !required, AlertTime.isZero(text) { return nil }
        guard let date = AlertTime.parse(text) else {
            problems.append(PayloadProblem(path, "expected an RFC 3339 time, found \"\(text.prefix(40))\""))
            return nil
        }
        return date
    }

    /// A required string; empty counts as missing unless `allowEmpty`.
    private mutating func requiredText(_ value: JSONValue?, at path: String, allowEmpty: Bool = false) -> String? {
        guard let value else {
            problems.append(PayloadProblem(path, "missing"))
            return nil
        }
        guard case .string(let text) = value else {
            problems.append(PayloadProblem(path, "expected a string, found \(value.kindName)"))
            return nil
        }
        guard allowEmpty || !text.isEmpty else {
            problems.append(PayloadProblem(path, "missing"))
            return nil
        }
        return text
    }

    /// A `{string: string}` map within the label bounds; `nil` (with a problem) when invalid.
    private mutating func labels(_ value: JSONValue?, at path: String, required: Bool) -> [String: String]? {
        guard let map = stringMap(value, at: path, required: required) else { return nil }
        guard map.count <= limits.maxLabels else {
            problems.append(PayloadProblem(path, "\(map.count) labels exceed the limit of \(limits.maxLabels)"))
            return nil
        }
        var valid = true
        for (name, text) in map.sorted(by: { $0.key < $1.key }) {
            if name.isEmpty || name.utf8.count > limits.maxLabelNameBytes {
                problems.append(PayloadProblem(path, "label name \"\(name.prefix(40))\" must be 1 to \(limits.maxLabelNameBytes) bytes"))
                valid = false
            } else if text.utf8.count > limits.maxLabelValueBytes {
                problems.append(PayloadProblem("\(path).\(name)", "\(text.utf8.count) bytes exceed the limit of \(limits.maxLabelValueBytes)"))
                valid = false
            }
        }
        return valid ? map : nil
    }

    /// Annotations are copied as bounded, untrusted data: oversize values are truncated, not rejected.
    private mutating func annotations(_ value: JSONValue?, at path: String) -> [String: String] {
        guard let map = stringMap(value, at: path, required: false) else { return [:] }
        return AnnotationBounds(limits: limits).bounded(map)
    }

    private mutating func stringMap(_ value: JSONValue?, at path: String, required: Bool) -> [String: String]? {
        guard let value, value != .null else {
            if required { problems.append(PayloadProblem(path, "missing")) }
            return required ? nil : [:]
        }
        guard case .object(let members) = value else {
            problems.append(PayloadProblem(path, "expected an object of strings, found \(value.kindName)"))
            return nil
        }
        var result: [String: String] = [:]
        var valid = true
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            guard case .string(let text) = member else {
                problems.append(PayloadProblem("\(path).\(key)", "expected a string, found \(member.kindName)"))
                valid = false
                continue
            }
            result[key] = text
        }
        return valid ? result : nil
    }
}

extension JSONValue {
    /// The JSON kind, for messages: `a number`, `an object`, ….
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
