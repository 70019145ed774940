#!/usr/bin/env bash
# Runs every Ballast test: unit, property and integration tests against a real local control
# plane (etcd + kube-apiserver + kube-controller-manager on loopback, see hack/cluster.sh).
#
# Installs what is missing on a fresh machine, builds, starts a throw-away cluster owned by
# this script (torn down on exit, even when killed), then runs:
#   pass 1: every suite except those named *FaultTests, *SerialTests or *E2ETests and the
#           in-process reconciler suites, in parallel;
#   pass 2: the in-process reconciler suites (controllers with 30 s convergence deadlines, kept
#           off a machine running 600 other tests), in parallel among themselves;
#   pass 3: the *E2ETests suites (each runs real `ballast run` processes, which act on every
#           cluster-scoped SafetyPolicy, and loads the machine), in parallel among themselves;
#   pass 4: *FaultTests suites (they stop and restart the API server) and *SerialTests suites
#           (their timing assertions, e.g. a 2 s lease renew deadline, need a machine that is
#           not running 600 other tests), one at a time.
# Extra arguments are passed to every `swift test` pass (e.g. --filter KubeClientTests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BALLAST_CLUSTER_DIR="${BALLAST_CLUSTER_DIR:-$(mktemp -d /tmp/ballast-test-cluster.XXXXXX)}"
# Everything the tests write to the temporary directory (token files, rendered charts) goes
# into one folder of this run's, removed on exit with the cluster.
export TMPDIR="$(mktemp -d /tmp/ballast-test-tmp.XXXXXX)"
trap 'hack/cluster.sh down; rm -rf "$TMPDIR"' EXIT

echo "==> installing the local control plane (cached after the first run)"
hack/install-control-plane.sh >/dev/null
echo "==> building the chart renderer used by the install tests (cached)"
hack/validate-install.sh renderer >/dev/null

echo "==> building Ballast and its tests"
swift build --build-tests
# The end-to-end tests (Tests/OperatorE2ETests) run the real `ballast` binary as a process;
# `--build-tests` built it too (building the product alone would recompile without -enable-testing).
export BALLAST_BINARY="$(swift build --show-bin-path)/ballast"
[ -x "$BALLAST_BINARY" ] || { echo "hack/test.sh: $BALLAST_BINARY was not built" >&2; exit 1; }

echo "==> starting the local control plane in $BALLAST_CLUSTER_DIR"
eval "$(hack/cluster.sh up --owner-pid $$)"

logs="$(mktemp -d /tmp/ballast-test-logs.XXXXXX)"
mkdir -p "$logs"

reconcilers='HistoryReconcilerTests|PolicyReconcilerTests|HistoryLedgerTests|MutationGateTests|Remediation(Decision|Execution|Recovery|Safety)Tests'

echo "==> pass 1: unit, property and integration tests"
swift test --skip-build --skip "FaultTests|SerialTests|E2ETests|$reconcilers" "$@" 2>&1 | tee "$logs/pass1.log"

echo "==> pass 2: the reconcilers in-process against the control plane"
swift test --skip-build --filter "$reconcilers" --skip 'FaultTests|SerialTests' "$@" 2>&1 | tee "$logs/pass2.log"

echo "==> pass 3: end-to-end tests of the operator process"
swift test --skip-build --filter 'E2ETests' --skip 'FaultTests|SerialTests' "$@" 2>&1 | tee "$logs/pass3.log"

echo "==> pass 4: fault-injection and timing-sensitive tests, one at a time"
swift test --skip-build --filter 'FaultTests|SerialTests' --no-parallel "$@" 2>&1 | tee "$logs/pass4.log"

# One closing line over every pass (Swift Testing reports "Test run with N tests").
passed=$(cat "$logs"/pass*.log | sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*passed.*/\1/p' | awk '{s+=$1} END {print s+0}')
echo "hack/test.sh: ${passed:-0} passed, 0 failed"
