import KubeTypes

/// Removes secret-like values from text before anything leaves the process (prompts, logs of
/// prompts, eval reports).
///
/// Guarantees: values under secret-like keys (`password`, `token`, `apiKey`, `secret`,
/// `credential`, `authorization`, …) in `key=value`, `key: value` and JSON forms; bearer and
/// basic credentials; JWTs; AWS access key ids; well-known provider token prefixes (`ghp_`,
/// `xoxb-`, `sk-`, `glpat-`, …); private key blocks (even when cut off); and passwords in URLs
/// (`scheme://user:password@host`) are replaced by ``marker``. Every container env value is
/// replaced regardless of its name. Redaction is deterministic and idempotent.
///
/// It works on bytes with hand-written scanners (no regular expressions), so its cost is
/// linear in the input and it can run on every decision.
public struct Redactor: Sendable {
    /// What replaces a secret.
    public static let marker = "[REDACTED]"

    /// Lower-case fragments that make a key secret-like once `-`, `_`, `.` and spaces are removed.
    public let secretKeyFragments: [String]
    private let fragmentBytes: [[UInt8]]

    /// Creates a redactor; `extraSecretKeyFragments` extends the built-in key list.
    public init(extraSecretKeyFragments: [String] = []) {
        secretKeyFragments = Self.defaultSecretKeyFragments + extraSecretKeyFragments.map { $0.lowercased() }
        fragmentBytes = secretKeyFragments.map { Array($0.utf8) }
    }

    static let defaultSecretKeyFragments = [
        "password", "passwd", "pwd", "secret", "token", "apikey", "accesskey", "privatekey",
        "credential", "authorization", "auth", "cookie", "session", "dsn", "connectionstring",
        "signature", "clientkey", "bearer",
    ]

    /// Whether `key` names a secret (case-insensitive; `-`, `_`, `.` and spaces ignored).
    public func isSecretKey(_ key: String) -> Bool {
        isSecretKey(bytes: Array(key.utf8)[...])
    }

    /// ``isSecretKey(_:)`` on UTF-8 bytes, without allocating a string (it runs per word).
    func isSecretKey(bytes key: ArraySlice<UInt8>) -> Bool {
        guard key.count >= 3 else { return false }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(key.count)
        for byte in key where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: ".") && byte != UInt8(ascii: " ") {
            normalized.append(RedactionScanner.lowercased(byte))
        }
        return fragmentBytes.contains { fragment in RedactionScanner.find(fragment, in: normalized, from: 0) != nil }
    }

    /// `value` with secrets removed: entirely replaced when `key` is secret-like, otherwise
    /// scanned like free text.
    public func redact(value: String, forKey key: String) -> String {
        isSecretKey(key) ? Self.marker : redact(value)
    }

    /// Free text with every secret-like value replaced by ``marker``.
    public func redact(_ text: String) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        bytes = RedactionScanner.redactPrivateKeyBlocks(bytes)
        bytes = RedactionScanner.redactURLPasswords(bytes)
        bytes = RedactionScanner.redactTokens(bytes)
        bytes = RedactionScanner.redactKeyValues(bytes) { isSecretKey(bytes: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A copy of `context` safe to send to a model: labels, annotations, event messages, logs,
    /// string facts and history parameters are redacted; container env values are replaced.
    public func redact(_ context: DecisionContext) -> DecisionContext {
        var copy = context
        copy.alert.labels = redactMap(context.alert.labels)
        copy.alert.annotations = redactMap(context.alert.annotations)
        copy.target.containers = context.target.containers.map { container in
            var redacted = container
            redacted.env = container.env.mapValues { _ in Self.marker }
            redacted.image = container.image.map(redact)
            return redacted
        }
        copy.target.events = context.target.events.map { event in
            var redacted = event
            redacted.message = redact(event.message)
            return redacted
        }
        copy.target.logs = context.target.logs.mapValues(redact)
        copy.target.facts = redactJSON(context.target.facts)
        copy.history.entries = context.history.entries.map { entry in
            var redacted = entry
            redacted.parameters = redactJSON(entry.parameters)
            return redacted
        }
        return copy
    }

    private func redactMap(_ map: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: map.map { key, value in (key, redact(value: value, forKey: key)) })
    }

    /// Redacts string leaves of JSON objects, replacing whole values under secret-like keys.
    public func redactJSON(_ object: [String: JSONValue]) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: object.map { key, value in
            (key, isSecretKey(key) ? .string(Self.marker) : redactJSON(value))
        })
    }

    private func redactJSON(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(redactJSON))
        case .object(let members): return .object(redactJSON(members))
        default: return value
        }
    }
}
