#!/usr/bin/env bash
# Benchmarks KubeClient against the local control plane, with curl (the floor: server plus
# transfer, no decoding) and kubectl as references measured in the same run:
#   - list of N ConfigMaps in one request: wall time and peak RSS growth
#   - watch: rate of decoded events (N initial ADDED events) and events per CPU-second
#   - sequential create + status patch round trips per second
#
#   hack/bench-kubeclient.sh [--objects N] [--round-trips N] [--repetitions N]
#
# Reuses the cluster in $BALLAST_CLUSTER_DIR when one is running there; otherwise starts a
# throw-away one owned by this script (stopped on exit, even when killed). Bounded: it creates
# N ConfigMaps and a few hundred Pods in its own namespace and deletes the namespace at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> building ballast-bench (release)"
swift build -c release --product ballast-bench
bin="$(swift build -c release --show-bin-path)/ballast-bench"

. hack/lib/bench-cluster.sh

"$bin" kubeclient --kubeconfig "$BALLAST_TEST_KUBECONFIG" "$@"
