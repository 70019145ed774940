import ArgumentParser
import BallastAPI
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Synchronization

/// `ballast-bench operator`: the operator process end to end on the local control plane.
///
/// 1. Reference: the API server's own capacity for the same work a request needs at minimum —
///    one create and one status write per request — done by a plain client with the same
///    concurrency.
/// 2. Burst: N RemediationRequests created at once (scale a Deployment, server-side dry run, so
///    nothing is mutated and no cooling-off applies; policy limits lifted) → time until all are
///    Completed, p50/p95/p99 of create→Completed, the operator's peak RSS and CPU seconds.
/// 3. Overhead: requests one at a time → create→Completed latency with nothing queued.
struct OperatorBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "The operator process: 1,000 requests to Completed, vs the API server's raw write capacity.")

    @Option(help: "Kubeconfig of the local control plane (default: $BALLAST_TEST_KUBECONFIG).")
    var kubeconfig: String?
    @Option(help: "The ballast binary to run (`ballast run`).")
    var binary: String
    @Option(help: "RemediationRequests created at once.")
    var requests = 1000
    @Option(help: "Requests measured one at a time for the overhead figure.")
    var sequential = 50
    @Option(help: "Target Deployments the requests spread over.")
    var targets = 20
    @Option(help: "Concurrent writers (reference and burst creation).")
    var concurrency = 16
    @Option(help: "Operator reconcile workers.")
    var workers = 16
    @Option(help: "Give up after this many seconds.")
    var timeout = 600

    func run() async throws {
        guard let path = kubeconfig ?? ProcessInfo.processInfo.environment["BALLAST_TEST_KUBECONFIG"] else {
            throw ValidationError("no kubeconfig: pass --kubeconfig or set BALLAST_TEST_KUBECONFIG (hack/bench-operator.sh does)")
        }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: path))
        let bench = OperatorBenchRun(client: client, kubeconfig: path, options: self)
        do {
            try await bench.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }
}
