import BallastAPI

/// A target named on the command line as `kind/name` (`deployment/web`, `node/worker-1`,
/// `sts/db`), resolved to the ``TargetReference`` whose ActionHistory a verb reads.
public struct TargetArgument: Sendable, Hashable {
    /// The kind.
    public var kind: TargetKind
    /// The object's name.
    public var name: String

    /// Parses `kind/name`.
    /// - Throws: ``CtlError`` (`.usage`) saying what is wrong: no slash, an empty part, an
    ///   unknown kind (listing the known ones), or a name that is not a Kubernetes name.
    public init(parsing text: String) throws(CtlError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CtlError(.usage, "\"\(text)\" is not kind/name; write e.g. deployment/web or node/worker-1")
        }
        guard let kind = TargetKind.named(String(parts[0])) else {
            let known = TargetKind.all.map { $0.aliases[0] }.joined(separator: ", ")
            throw CtlError(.usage, "unknown kind \"\(parts[0])\" in \"\(text)\"; Ballast remediates \(known)")
        }
        let name = String(parts[1])
        guard Self.isObjectName(name) else {
            throw CtlError(
                .usage,
                "\"\(name)\" is not a valid \(kind.kind) name (lower-case letters, digits, '-' and '.', at most 253 characters)")
        }
        self.kind = kind
        self.name = name
    }

    /// The reference to the target in `namespace` (dropped for cluster-scoped kinds).
    public func reference(namespace: String) -> TargetReference {
        TargetReference(
            apiVersion: kind.apiVersion, kind: kind.kind, namespace: kind.namespaced ? namespace : nil, name: name)
    }

    /// The name of the target's ActionHistory (see `ActionHistory.name(for:)`).
    public var historyName: String {
        ActionHistory.name(for: reference(namespace: ""))
    }

    /// Whether `name` is a DNS-1123 subdomain, the rule for the names of these kinds.
    static func isObjectName(_ name: String) -> Bool {
        guard name.count <= 253, let first = name.first, let last = name.last,
            first.isASCII, last.isASCII, first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
    }
}
