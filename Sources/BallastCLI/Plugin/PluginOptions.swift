import ArgumentParser
import BallastCtl

/// The flags every kubectl plugin verb takes: where the cluster is and how to print.
struct ClusterOptions: ParsableArguments {
    @Option(help: "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use (default: current-context).")
    var context: String?

    @Option(name: .shortAndLong, help: "The namespace (default: the context's namespace, else default).")
    var namespace: String?

    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.")
    var output: String = "table"

    /// The connection options, with `asUser` for the verbs that record who acted.
    func connection(asUser: String? = nil) -> ConnectionOptions {
        ConnectionOptions(kubeconfig: kubeconfig, context: context, namespace: namespace, asUser: asUser)
    }
}

/// `--as-user`, for the verbs that record who acted (stop, resume, approve, reject).
struct IdentityOptions: ParsableArguments {
    @Option(help: "The name recorded as `by` (default: the kubeconfig context's user name).")
    var asUser: String?
}
