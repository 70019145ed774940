#!/usr/bin/env bash
# The README's first command: Ballast remediating live alerts on a throw-away local control
# plane, in about two minutes after the first build.
#
# It builds Ballast, starts etcd + kube-apiserver + kube-controller-manager, installs with
# `kubectl apply -k config/default`, runs the operator on this machine as the shipped
# ServiceAccount (a kubeconfig minted from its token Secret: least-privilege RBAC for real),
# starts a kubelet stand-in that reports crash loops and OOM kills through pods/status, starts a
# real Alertmanager routed to Ballast's receiver with the token from the receiver Secret, fires
# kube-prometheus alerts into it, and shows:
#   1. deciding with the built-in rules (or an LLM, see --llm-endpoint),
#   2. acting (the workload's change and the ActionHistory entry),
#   3. refusing a second action inside the cooling-off window (the exact retryAfter),
#   4. catching a scale oscillation (the pattern in status; the next request blocked),
#   5. obeying `kubectl ballast stop` (a request Blocked [EmergencyStop], then resumed).
# It ends with a summary table and stops everything it started, on exit, error or Ctrl-C.
#
#   hack/demo.sh [--keep] [--check] [--debug|--release]
#                [--llm-endpoint URL --llm-model NAME [--llm-kind openai|ollama]]
#
#   --keep      leave the cluster, operator and Alertmanager running and print how to use them
#   --check     non-interactive: exit non-zero unless all five steps happened (checked on the
#               objects, not on log text); goes on after a failed step to report every one
#   --debug     build and run a debug build (the default: see docs/demo.md for the timings)
#   --release   build and run a release build
#   --llm-*     decide with an LLM (OpenAI-compatible or Ollama) instead of the built-in rules;
#               the rules stay the fallback
# Logs and state go to $BALLAST_DEMO_DIR (default: a new /tmp/ballast-demo.XXXXXX), the control
# plane to $BALLAST_CLUSTER_DIR (default: $BALLAST_DEMO_DIR/cluster). docs/demo.md has a transcript.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit "${1:-0}"; }

DEMO_KEEP=0 DEMO_CHECK=0 BUILD_CONFIG=debug LLM_ENDPOINT="" LLM_MODEL="" LLM_KIND=openai
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) DEMO_KEEP=1 ;;
    --check) DEMO_CHECK=1 ;;
    --debug) BUILD_CONFIG=debug ;;
    --release) BUILD_CONFIG=release ;;
    --llm-endpoint) LLM_ENDPOINT="${2:?--llm-endpoint needs a URL}"; shift ;;
    --llm-model) LLM_MODEL="${2:?--llm-model needs a name}"; shift ;;
    --llm-kind) LLM_KIND="${2:?--llm-kind needs openai or ollama}"; shift ;;
    -h|--help) usage ;;
    *) echo "demo: unknown argument $1" >&2; usage 2 >&2 ;;
  esac
  shift
done
case "$LLM_KIND" in openai|ollama) ;; *) echo "demo: --llm-kind must be openai or ollama, not $LLM_KIND" >&2; exit 2 ;; esac
if [ -n "$LLM_ENDPOINT" ] && [ -z "$LLM_MODEL" ]; then echo "demo: --llm-endpoint needs --llm-model" >&2; exit 2; fi
DECIDER="built-in rules, no LLM"
[ -n "$LLM_ENDPOINT" ] && DECIDER="LLM $LLM_MODEL at $LLM_ENDPOINT, rules as fallback"

DEMO_DIR="${BALLAST_DEMO_DIR:-$(mktemp -d /tmp/ballast-demo.XXXXXX)}"
mkdir -p "$DEMO_DIR/bin"
export BALLAST_CLUSTER_DIR="${BALLAST_CLUSTER_DIR:-$DEMO_DIR/cluster}"
DEMO_STARTED=$SECONDS
for lib in ui processes objects install steps; do
  # shellcheck source=/dev/null
  source "hack/demo/lib/$lib.sh"
done

# finish: runs on every exit. Stops what the demo started unless --keep; keeps the logs when
# something failed.
finish() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$DEMO_KEEP" = 1 ] && [ "$status" = 0 ]; then
    kill "$(pid_of watchdog)" 2>/dev/null || true  # it would stop everything once this shell exits
    keep_instructions
    exit 0
  fi
  stop_processes
  [ -n "${CLUSTER_STARTED:-}" ] && hack/cluster.sh down quiet
  if [ "$status" = 0 ]; then rm -rf "$DEMO_DIR"; else echo "demo: logs kept in $DEMO_DIR" >&2; fi
  exit "$status"
}
trap finish EXIT
trap 'echo; echo "demo: interrupted" >&2; exit 130' INT TERM

# keep_instructions: how to reach what --keep left running.
keep_instructions() {
  banner "Left running (--keep)"
  cat <<EOF
  export KUBECONFIG=$KUBECONFIG PATH=$DEMO_DIR/bin:\$PATH
  kubectl get ballast -A                      # every request, history and policy
  kubectl ballast status                      # policy, executing count, breakers, recent requests
  python3 hack/demo/alert.py fire $ALERTMANAGER KubeContainerOOMKilled namespace=demo-shop pod=<pod> container=app
  tail -f $DEMO_DIR/operator.log              # the operator (metrics: http://127.0.0.1:$METRICS_PORT/metrics)
  Alertmanager UI: $ALERTMANAGER
  Stop it all:  kill \$(awk '{print \$1}' $DEMO_DIR/pids); BALLAST_CLUSTER_DIR=$BALLAST_CLUSTER_DIR hack/cluster.sh down
EOF
}

banner "Building Ballast (swift build -c $BUILD_CONFIG)"
build_ballast "$BUILD_CONFIG"

banner "Starting a local control plane (etcd, kube-apiserver 1.20, kube-controller-manager)"
if [ "$DEMO_KEEP" = 1 ]; then
  eval "$(hack/cluster.sh up 2>/dev/null)"
else
  eval "$(hack/cluster.sh up --owner-pid $$ 2>/dev/null)"
fi
CLUSTER_STARTED=1
start_watchdog
show kubectl get --raw /version --request-timeout=5s >/dev/null
say "kube-apiserver at $BALLAST_TEST_APISERVER"

banner "Installing Ballast: kubectl apply -k config/default"
install_ballast

banner "The operator runs as ServiceAccount ballast-system/ballast (least privilege)"
mint_kubeconfig "$DEMO_DIR/ballast-sa.kubeconfig"
receiver_token "$DEMO_DIR/receiver-token"
write_operator_config "$DEMO_DIR/ballast.yaml" "$DEMO_DIR/receiver-token"
start_operator "$DEMO_DIR/ballast-sa.kubeconfig" "$DEMO_DIR/ballast.yaml"

banner "A real Alertmanager, routed to Ballast's receiver"
start_alertmanager "$DEMO_DIR/receiver-token"

banner "The shop: workloads whose pods crash-loop and get OOMKilled"
setup_workloads

step1_decide
step2_act
step3_cooling_off
step4_oscillation
step5_stop
summary

banner "Done in $((SECONDS - DEMO_STARTED))s (build included)"
if [ "$DEMO_CHECK" = 1 ]; then
  verdicts || { echo "demo --check: some steps did not happen" >&2; exit 1; }
fi
