# Sourced by the hack/bench-*.sh scripts: uses the control plane running in $BALLAST_CLUSTER_DIR,
# or starts a throw-away one owned by the calling script (stopped when it exits, even when
# killed), and exports its BALLAST_TEST_* variables.
if [ -n "${BALLAST_CLUSTER_DIR:-}" ] && hack/cluster.sh status 2>/dev/null; then
  echo "==> using the running control plane in $BALLAST_CLUSTER_DIR"
  eval "$(hack/cluster.sh env)"
else
  export BALLAST_CLUSTER_DIR="${BALLAST_CLUSTER_DIR:-$(mktemp -d /tmp/ballast-bench-cluster.XXXXXX)}"
  echo "==> starting a local control plane in $BALLAST_CLUSTER_DIR"
  hack/install-control-plane.sh >/dev/null
  trap 'hack/cluster.sh down' EXIT
  eval "$(hack/cluster.sh up --owner-pid $$)"
fi
