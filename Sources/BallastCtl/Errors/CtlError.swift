/// A failure of a kubectl plugin verb, carrying the message a person reads and the exit code a
/// script checks.
///
/// Exit codes are part of the plugin's contract (docs/kubectl-plugin.md): `1` for bad input or a
/// request the verb refuses, `2` when the object is missing, access is forbidden or the API
/// server fails, `3` when a change was written but no operator confirmed it in time.
public struct CtlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure; it decides the exit code.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Bad arguments (an unknown kind, a malformed duration, an unknown output format).
        case usage
        /// The verb refuses: the object is not in a state the verb accepts.
        case refused
        /// The named object does not exist.
        case notFound
        /// RBAC (or authentication) denied the call.
        case forbidden
        /// Any other API, transport or configuration failure.
        case api
        /// The change is in the spec, but no operator confirmed it within the timeout.
        case unconfirmed
    }

    /// What went wrong.
    public var kind: Kind
    /// A sentence naming the object and the cause.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The process exit code for this failure: 1, 2 or 3 (see the type's documentation).
    public var exitCode: Int32 {
        switch self.kind {
        case .usage, .refused: return 1
        case .notFound, .forbidden, .api: return 2
        case .unconfirmed: return 3
        }
    }

    public var description: String { message }
}
