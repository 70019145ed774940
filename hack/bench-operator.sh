#!/usr/bin/env bash
# Benchmarks the operator process end to end on the local control plane (see
# Sources/BallastBench/OperatorBenchmark.swift): the API server's raw capacity for one create and
# one status write per request, then N RemediationRequests created at once through `ballast run`
# until all are Completed (server-side dry runs, policy limits lifted), then requests one at a time.
#
#   hack/bench-operator.sh [--requests N] [--targets N] [--concurrency N] [--workers N]
#
# Reuses the cluster in $BALLAST_CLUSTER_DIR when one is running there; otherwise starts a
# throw-away one owned by this script (stopped on exit, even when killed). Bounded by --timeout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> building ballast and ballast-bench (release)"
swift build -c release --product ballast
swift build -c release --product ballast-bench
bin="$(swift build -c release --show-bin-path)"

. hack/lib/bench-cluster.sh
kubectl --kubeconfig "$BALLAST_TEST_KUBECONFIG" apply -f crds/ >/dev/null
kubectl --kubeconfig "$BALLAST_TEST_KUBECONFIG" wait --for condition=established --timeout=60s crd --all >/dev/null

"$bin/ballast-bench" operator --kubeconfig "$BALLAST_TEST_KUBECONFIG" --binary "$bin/ballast" "$@"
