import Foundation
import Yams

/// The user name of a kubeconfig context (`contexts[].context.user`), which the plugin records
/// as `by` when nobody passes `--as-user`.
///
/// This is the name the kubeconfig gives the credentials (e.g. `admin`, `alice@example.com`),
/// not an identity the API server verified: Kubernetes 1.20 has no `SelfSubjectReview`.
enum KubeconfigIdentity {
    /// The user of `context` (or `current-context`) in the kubeconfig at `kubeconfigPath`;
    /// `nil` when the file cannot be read, is not a kubeconfig, or names no user.
    static func userName(kubeconfigPath: String, context: String?) -> String? {
        guard let data = FileManager.default.contents(atPath: kubeconfigPath) else { return nil }
        return userName(kubeconfigYAML: String(decoding: data, as: UTF8.self), context: context)
    }

    /// The user of `context` (or `current-context`) in kubeconfig text.
    static func userName(kubeconfigYAML yaml: String, context: String?) -> String? {
        guard let file = try? YAMLDecoder().decode(Contexts.self, from: yaml),
            let name = context ?? file.currentContext,
            let user = file.contexts?.first(where: { $0.name == name })?.context.user,
            !user.isEmpty
        else { return nil }
        return user
    }

    private struct Contexts: Decodable {
        var currentContext: String?
        var contexts: [Named]?

        struct Named: Decodable {
            var name: String
            var context: Context
        }

        struct Context: Decodable {
            var user: String?
        }

        enum CodingKeys: String, CodingKey {
            case currentContext = "current-context"
            case contexts
        }
    }
}
