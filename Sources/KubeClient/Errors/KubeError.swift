import KubeTypes

/// An error from a Kubernetes API call: either an answer of the API server (carrying its
/// decoded `Status`) or a failure to reach, authenticate to or understand it.
///
/// ``code`` is stable and is what callers switch on; ``description`` is written for a person
/// and says which request failed and why.
public struct KubeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. API answers map from the HTTP status and `Status.reason`;
    /// ``transport``, ``decoding`` and ``configuration`` never come from the API server.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// 404 `NotFound`.
        case notFound
        /// 409 `AlreadyExists` (create of an existing name).
        case alreadyExists
        /// 409 `Conflict`: a stale `resourceVersion` or a failed precondition.
        case conflict
        /// 422 `Invalid`: see ``KubeError/fieldCauses`` for the fields.
        case invalid
        /// 403 `Forbidden`: RBAC denied the request (or admission forbade it).
        case forbidden
        /// 401 `Unauthorized`: missing, expired or wrong credentials.
        case unauthorized
        /// 410 `Expired`/`Gone`: the requested `resourceVersion` is too old; relist.
        case expired
        /// 429 `TooManyRequests` (API priority and fairness, or an eviction blocked by a
        /// PodDisruptionBudget); see ``KubeError/retryAfter``.
        case tooManyRequests
        /// 504 or `Timeout`/`ServerTimeout`: the server gave up; retrying may succeed.
        case timeout
        /// 400 `BadRequest`.
        case badRequest
        /// 405 `MethodNotAllowed` (e.g. a verb the resource does not support).
        case methodNotAllowed
        /// 415 unsupported media type (e.g. strategic merge on a custom resource).
        case unsupportedMediaType
        /// Any other 5xx answer.
        case serverError
        /// Any other unexpected answer.
        case unexpectedResponse
        /// The request never got an answer: connection refused, TLS failure, client timeout.
        case transport
        /// The answer could not be decoded as the expected type.
        case decoding
        /// The client could not be built or the request could not be formed (bad config,
        /// missing name, an update without `resourceVersion`).
        case configuration
    }

    /// The stable classification of this failure.
    public var code: Code
    /// The API server's `Status`, when it sent one.
    public var status: Status?
    /// The HTTP status code, when the server answered.
    public var httpStatus: Int?
    /// How long the server asked to wait before retrying (`Retry-After` header or
    /// `details.retryAfterSeconds`).
    public var retryAfter: Duration?
    /// The HTTP method of the failed request, e.g. `PATCH`.
    public var verb: String?
    /// The URL path (and query) of the failed request.
    public var path: String?
    /// A human-readable explanation; the server's `Status.message` for API errors.
    public var message: String

    /// Creates an error; prefer the factory functions for transport and client-side failures.
    public init(
        code: Code, message: String, status: Status? = nil, httpStatus: Int? = nil,
        retryAfter: Duration? = nil, verb: String? = nil, path: String? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.verb = verb
        self.path = path
    }

    /// The API server's machine-readable reason (`NotFound`, `Conflict`, `Expired`, …).
    public var reason: String? { status?.reason }

    /// The causes of an `Invalid` (or other) answer, each usually naming a field such as
    /// `spec.replicas`.
    public var causes: [StatusCause] { status?.details?.causes ?? [] }

    /// The field names in ``causes`` (empty ones left out).
    public var fieldCauses: [String] { causes.compactMap(\.field).filter { !$0.isEmpty } }

    /// Whether the server answered at all (false for transport, decoding and configuration
    /// errors).
    public var isAPIError: Bool { httpStatus != nil }

    public var description: String {
        var text = ""
        if let verb, let path { text += "\(verb) \(path): " }
        text += httpStatus.map { "\($0) \(reason ?? code.rawValue): " } ?? "\(code.rawValue): "
        text += message
        let fields = causes.compactMap { cause -> String? in
            guard let field = cause.field, !field.isEmpty else { return nil }
            return "\(field): \(cause.message ?? cause.reason ?? "invalid")"
        }
        if !fields.isEmpty { text += " [" + fields.joined(separator: "; ") + "]" }
        if let retryAfter { text += " (retry after \(retryAfter))" }
        return text
    }
}

extension KubeError {
    /// A failure to get an answer at all (connection refused, TLS handshake, client timeout).
    public static func transport(_ message: String, verb: String? = nil, path: String? = nil) -> KubeError {
        KubeError(code: .transport, message: message, verb: verb, path: path)
    }

    /// An answer that could not be decoded into the expected type.
    public static func decoding(_ message: String, verb: String? = nil, path: String? = nil) -> KubeError {
        KubeError(code: .decoding, message: message, verb: verb, path: path)
    }

    /// A request the client refuses to send, or a client it cannot build.
    public static func configuration(_ message: String, verb: String? = nil, path: String? = nil) -> KubeError {
        KubeError(code: .configuration, message: message, verb: verb, path: path)
    }
}
