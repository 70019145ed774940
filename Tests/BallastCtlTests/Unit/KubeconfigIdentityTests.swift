@testable import BallastCtl
import Testing

@Suite("KubeconfigIdentity: who `by` names")
struct KubeconfigIdentityTests {
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: admin@local
        contexts:
        - name: admin@local
          context: {cluster: local, user: admin, namespace: shop}
        - name: alice@prod
          context: {cluster: prod, user: alice@example.com}
        - name: anonymous
          context: {cluster: prod}
        clusters: []
        users: []
        """

    @Test("the user of the current context, or of the named context", arguments: [
        (Optional<String>.none, Optional("admin")), ("alice@prod", "alice@example.com"), ("anonymous", nil), ("missing", nil),
    ])
    func userName(context: String?, expected: String?) {
        #expect(KubeconfigIdentity.userName(kubeconfigYAML: Self.kubeconfig, context: context) == expected)
    }

    @Test("not a kubeconfig, or an unreadable file: no name")
    func notAKubeconfig() {
        #expect(KubeconfigIdentity.userName(kubeconfigYAML: "- just\n- a list", context: nil) == nil)
        #expect(KubeconfigIdentity.userName(kubeconfigPath: "/nonexistent/kubeconfig", context: nil) == nil)
    }
}
