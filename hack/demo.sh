#!/usr/bin/env bash
# The README's first command: builds Ballast, starts a throw-away local control plane, installs
# the CRDs with `ballast crds`, applies the samples and shows them as kubectl users see them,
# shows the API server rejecting an invalid policy and the least-privilege ClusterRole
# generated from the action catalog, then scores the built-in rules on the scenario corpus with
# `ballast eval`. Everything it starts is stopped on exit (even when interrupted).
#
#   hack/demo.sh            run the demo
#   KEEP=1 hack/demo.sh     leave the cluster running at the end (prints how to reach it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BALLAST_CLUSTER_DIR="${BALLAST_CLUSTER_DIR:-$(mktemp -d /tmp/ballast-demo-cluster.XXXXXX)}"

bold() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

bold "building ballast"
swift build --product ballast 2>&1 | grep -E 'error|warning: unre|Build' || true
ballast="$(swift build --product ballast --show-bin-path)/ballast"
[ -x "$ballast" ] || { echo "build failed" >&2; exit 1; }
"$ballast" version

bold "starting a local control plane (etcd + kube-apiserver + kube-controller-manager)"
if [ -z "${KEEP:-}" ]; then
  trap 'hack/cluster.sh down' EXIT
  eval "$(hack/cluster.sh up --owner-pid $$)"
else
  eval "$(hack/cluster.sh up)"
fi
kubectl version 2>/dev/null | grep Server || true

bold "installing the CRDs (ballast crds | kubectl apply -f -)"
"$ballast" crds | kubectl apply -f -
kubectl wait --for=condition=Established --timeout=60s \
  crd/remediationrequests.ballast.dev crd/actionhistories.ballast.dev crd/safetypolicies.ballast.dev

bold "a cluster admin's SafetyPolicy, and RemediationRequests for kubernetes-mixin alerts"
for ns in $(grep -h '^  namespace:' config/samples/*.yaml | awk '{print $2}' | sort -u); do
  kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
done
kubectl apply -k config/samples
# Statuses are written through the /status subresource (as the operator does); show the
# sample ActionHistory with the detected oscillation it records.
status=$(python3 -c 'import json, sys, yaml; print(json.dumps({"status": yaml.safe_load(open(sys.argv[1]))["status"]}))' \
  config/samples/actionhistory-deployment-web.yaml)
kubectl patch actionhistory deployment-web --subresource=status --type=merge -p "$status" >/dev/null
echo
kubectl get safetypolicies
echo
kubectl get remediationrequests -A
echo
kubectl get actionhistories -A

bold "the API server validates what people write (an invalid policy is rejected, naming the field)"
cat <<'EOF' | kubectl apply --dry-run=server -f - 2>&1 | sed 's/^/  /' || true
apiVersion: ballast.dev/v1alpha1
kind: SafetyPolicy
metadata: {name: too-eager}
spec:
  minConfidence: 1.5
  coolingOff: {sameAction: soon}
EOF

bold "least privilege: the operator's ClusterRole, generated from the action catalog (ballast rbac)"
"$ballast" rbac | sed -n '/^rules:/,$p' | head -n 30 | sed 's/^/  /'
echo "  ... no '*', no Secrets, pods leave only through pods/eviction (the whole role: ballast rbac)"
kubectl create namespace ballast-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl apply --dry-run=server -k config/rbac >/dev/null
echo "  config/rbac (ServiceAccount, this ClusterRole, bindings, leader-election Role) passes a server-side dry run"

if "$ballast" eval --help >/dev/null 2>&1 && [ -d scenarios ]; then
  bold "scoring the built-in rules on the scenario corpus (ballast eval)"
  "$ballast" eval --scenarios scenarios
fi

bold "done in $((SECONDS - started))s"
if [ -n "${KEEP:-}" ]; then
  echo "cluster left running; use it with:  eval \"\$(BALLAST_CLUSTER_DIR=$BALLAST_CLUSTER_DIR hack/cluster.sh env)\""
fi
