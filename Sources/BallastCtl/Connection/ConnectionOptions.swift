/// Where and as whom a verb talks to the cluster: the plugin's common flags.
public struct ConnectionOptions: Sendable, Hashable {
    /// `--kubeconfig`: the kubeconfig file; `nil` uses `KUBECONFIG`, then `~/.kube/config`,
    /// then the in-cluster service account, as kubectl does.
    public var kubeconfig: String?
    /// `--context`: the kubeconfig context; `nil` uses `current-context`.
    public var context: String?
    /// `-n/--namespace`; `nil` uses the context's namespace, else `default`.
    public var namespace: String?
    /// `--as-user`: the name recorded as `by` on emergency stops and approvals; `nil` uses the
    /// kubeconfig context's user name.
    public var asUser: String?

    /// Creates options.
    public init(kubeconfig: String? = nil, context: String? = nil, namespace: String? = nil, asUser: String? = nil) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.namespace = namespace
        self.asUser = asUser
    }
}
