import KubeClient

extension CtlError {
    /// What the API server answers (404) for a resource it does not serve at all, e.g. a
    /// custom resource whose CRD is not installed.
    static let unknownResourceMessage = "the server could not find the requested resource"

    /// Translates a Kubernetes API failure into a plugin error that names the object the verb
    /// was working on, e.g. `remediationrequest shop/foo not found in namespace shop`.
    /// - Parameters:
    ///   - error: The client's error.
    ///   - object: The object the call was about.
    ///   - verb: What the call tried to do (`get`, `patch`, `list`), for forbidden and API errors.
    public init(_ error: KubeError, object: ObjectName, verb: String) {
        switch error.code {
        case .notFound where error.message.contains(Self.unknownResourceMessage):
            self.init(.notFound, "cannot \(verb) \(object): the API server does not serve this resource; are Ballast's CRDs installed? (ballast crds | kubectl apply -f -)")
        case .notFound:
            let place = object.namespace.map { " in namespace \($0)" } ?? ""
            self.init(.notFound, "\(object) not found\(place)")
        case .forbidden, .unauthorized:
            self.init(.forbidden, "cannot \(verb) \(object): \(error.code == .forbidden ? "forbidden" : "unauthorized"): \(error.message)")
        case .transport:
            self.init(.api, "cannot \(verb) \(object): the API server did not answer: \(error.message)")
        default:
            self.init(.api, "cannot \(verb) \(object): \(error)")
        }
    }
}

/// How a verb names an object in its messages: `kind namespace/name` (`kind name` when
/// cluster-scoped), with the kind in lower case as kubectl prints it; a collection (no name)
/// is named by its plural resource, e.g. `remediationrequests in namespace shop`.
public struct ObjectName: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case kind, e.g. `remediationrequest`; the plural resource for a collection.
    public var kind: String
    /// The namespace; `nil` for cluster-scoped objects and collections across namespaces.
    public var namespace: String?
    /// The name; `nil` for a collection.
    public var name: String?

    /// Creates a name.
    public init(kind: String, namespace: String? = nil, name: String? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String {
        switch (namespace, name) {
        case (let namespace?, let name?): return "\(kind) \(namespace)/\(name)"
        case (nil, let name?): return "\(kind) \(name)"
        case (let namespace?, nil): return "\(kind) in namespace \(namespace)"
        case (nil, nil): return kind
        }
    }
}
