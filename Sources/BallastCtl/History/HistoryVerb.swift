import BallastAPI
import KubeClient

/// `kubectl ballast history <kind/name>`: reads the target's ActionHistory.
public struct HistoryVerb: Sendable {
    /// The connection.
    public var session: CtlSession
    /// The target.
    public var target: TargetArgument
    /// Where histories of cluster-scoped targets (nodes) live when `-n` is not given: the
    /// operator's namespace.
    public var operatorNamespace: String

    /// The namespace `config/default` installs the operator in.
    public static let defaultOperatorNamespace = "ballast-system"

    /// Creates the verb.
    public init(session: CtlSession, target: TargetArgument, operatorNamespace: String = defaultOperatorNamespace) {
        self.session = session
        self.target = target
        self.operatorNamespace = operatorNamespace
    }

    /// The namespace the history lives in: the target's, or for cluster-scoped targets `-n`
    /// when given, else the operator's.
    public var namespace: String {
        target.kind.namespaced || session.namespaceIsExplicit ? session.namespace : operatorNamespace
    }

    /// Reads the history.
    /// - Throws: ``CtlError``; `.notFound` says that nothing was recorded for the target yet.
    public func run() async throws(CtlError) -> ActionHistory {
        let name = target.historyName
        do throws(KubeError) {
            return try await session.client.get(ActionHistory.self, .actionHistories, name: name, namespace: namespace)
        } catch where error.code == .notFound {
            throw CtlError(
                .notFound,
                "actionhistory \(namespace)/\(name) not found: Ballast has recorded no action on \(target.kind.kind) \(target.name) in namespace \(namespace)")
        } catch {
            throw CtlError(error, object: ObjectName(kind: "actionhistory", namespace: namespace, name: name), verb: "get")
        }
    }
}
