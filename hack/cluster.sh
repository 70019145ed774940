#!/usr/bin/env bash
# A real, throw-away Kubernetes control plane on loopback: etcd + kube-apiserver +
# kube-controller-manager (no scheduler, no kubelet: pods stay Pending).
#
#   hack/cluster.sh up [--owner-pid PID]   start (installs what is missing first); prints env
#   hack/cluster.sh env                    print `export …` lines for the running cluster
#   hack/cluster.sh down                   stop everything and delete the state directory
#   hack/cluster.sh stop-apiserver         fault injection: stop only kube-apiserver
#   hack/cluster.sh start-apiserver        start it again with the same flags and wait for ready
#   hack/cluster.sh status                 exit 0 when the API server answers /readyz
#
# State lives in $BALLAST_CLUSTER_DIR (default /tmp/ballast-cluster). With --owner-pid, a
# watchdog tears the cluster down as soon as that process exits, so a killed test run never
# leaves processes behind.
#
# Credentials written (all kubeconfigs point at https://127.0.0.1:<port> with a generated CA):
#   admin.kubeconfig     static token, group system:masters
#   lowpriv.kubeconfig   static token, user ballast-lowpriv, no RBAC bindings (proves Forbidden)
#   cert.kubeconfig      client certificate CN=ballast-cert-admin, O=system:masters
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${BALLAST_CLUSTER_DIR:-/tmp/ballast-cluster}"

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# Starts "$@" in its own process group with output in $dir/logs/<name>.log. Every inherited
# descriptor above 2 is closed first: a caller that waits for this script's output to end (a
# test runner reading a pipe) must not be kept waiting by a long-lived child holding the pipe.
detach() {
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"
  done
  exec setsid "$@"
}

start_process() {
  local name="$1"; shift
  ( detach "$@" ) >>"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$dir/$name.pid"
}

readyz() {
  curl -sf --max-time 2 --cacert "$dir/pki/ca.crt" \
    -H "Authorization: Bearer $(cat "$dir/admin.token")" \
    "https://127.0.0.1:$(cat "$dir/apiserver.port")/readyz" >/dev/null 2>&1
}

wait_ready() {
  local deadline=$((SECONDS + ${1:-60}))
  until readyz; do
    [ $SECONDS -lt "$deadline" ] || { tail -n 30 "$dir/logs/kube-apiserver.log" >&2; die "kube-apiserver not ready in time"; }
    pid_alive "$dir/kube-apiserver.pid" || { tail -n 30 "$dir/logs/kube-apiserver.log" >&2; die "kube-apiserver exited"; }
    sleep 0.3
  done
}

generate_pki() {
  local pki="$dir/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=ballast-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  # Serving certificate for 127.0.0.1 / localhost, signed by the test CA.
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >"$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 30 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  # Client certificate: a second way in, authenticated by --client-ca-file.
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=ballast-cert-admin" \
    -keyout "$pki/client.key" -out "$pki/client.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$pki/client.ext"
  openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 30 -extfile "$pki/client.ext" -out "$pki/client.crt" 2>/dev/null
  # Service-account signing keys.
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

write_kubeconfig() {
  local file="$1" user="$2"; shift 2
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: ballast-local
  cluster:
    server: https://127.0.0.1:$(cat "$dir/apiserver.port")
    certificate-authority: $dir/pki/ca.crt
contexts:
- name: $user
  context: {cluster: ballast-local, user: $user, namespace: default}
current-context: $user
users:
- name: $user
  user:
$(printf '    %s\n' "$@")
EOF
}

apiserver_command() {
  local bin="$1"
  cat <<EOF
$bin/kube-apiserver
--etcd-servers=http://127.0.0.1:$(cat "$dir/etcd.port")
--bind-address=127.0.0.1
--advertise-address=127.0.0.1
--secure-port=$(cat "$dir/apiserver.port")
--insecure-port=0
--tls-cert-file=$dir/pki/apiserver.crt
--tls-private-key-file=$dir/pki/apiserver.key
--client-ca-file=$dir/pki/ca.crt
--token-auth-file=$dir/tokens.csv
--authorization-mode=RBAC
--service-account-key-file=$dir/pki/sa.pub
--service-account-signing-key-file=$dir/pki/sa.key
--service-account-issuer=https://kubernetes.default.svc
--api-audiences=https://kubernetes.default.svc
--service-cluster-ip-range=10.96.0.0/24
--allow-privileged=true
--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota
--cert-dir=$dir/pki/generated
--watch-cache=true
--default-watch-cache-size=1000
--v=1
EOF
}

cmd_up() {
  local owner=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner-pid) owner="$2"; shift 2 ;;
      *) die "unknown flag for up: $1" ;;
    esac
  done
  if [ -f "$dir/apiserver.port" ] && readyz; then
    log "already running in $dir"
    cmd_env
    return 0
  fi
  [ -d "$dir" ] && cmd_down quiet
  local bin
  bin=$("$here/install-control-plane.sh" | tail -n 1)
  [ -x "$bin/kube-apiserver" ] || die "install-control-plane.sh did not produce binaries"
  mkdir -p "$dir/logs" "$dir/etcd"
  echo "$bin" >"$dir/bin.path"

  free_port >"$dir/etcd.port"
  free_port >"$dir/etcd-peer.port"
  free_port >"$dir/apiserver.port"
  generate_pki
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/admin.token"
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/lowpriv.token"
  {
    printf '%s,ballast-admin,uid-admin,"system:masters"\n' "$(cat "$dir/admin.token")"
    printf '%s,ballast-lowpriv,uid-lowpriv\n' "$(cat "$dir/lowpriv.token")"
  } >"$dir/tokens.csv"

  log "starting etcd on 127.0.0.1:$(cat "$dir/etcd.port")"
  start_process etcd etcd --name ballast --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$(cat "$dir/etcd.port")" \
    --advertise-client-urls "http://127.0.0.1:$(cat "$dir/etcd.port")" \
    --listen-peer-urls "http://127.0.0.1:$(cat "$dir/etcd-peer.port")" \
    --initial-advertise-peer-urls "http://127.0.0.1:$(cat "$dir/etcd-peer.port")" \
    --initial-cluster "ballast=http://127.0.0.1:$(cat "$dir/etcd-peer.port")" \
    --unsafe-no-fsync --quota-backend-bytes=4294967296

  apiserver_command "$bin" >"$dir/apiserver.args"
  log "starting kube-apiserver on https://127.0.0.1:$(cat "$dir/apiserver.port")"
  # shellcheck disable=SC2046
  start_process kube-apiserver $(cat "$dir/apiserver.args")

  write_kubeconfig "$dir/admin.kubeconfig" ballast-admin "token: $(cat "$dir/admin.token")"
  write_kubeconfig "$dir/lowpriv.kubeconfig" ballast-lowpriv "token: $(cat "$dir/lowpriv.token")"
  write_kubeconfig "$dir/cert.kubeconfig" ballast-cert-admin \
    "client-certificate: $dir/pki/client.crt" "client-key: $dir/pki/client.key"
  wait_ready 90

  log "starting kube-controller-manager"
  start_process kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig="$dir/admin.kubeconfig" \
    --leader-elect=false \
    --service-account-private-key-file="$dir/pki/sa.key" \
    --root-ca-file="$dir/pki/ca.crt" \
    --use-service-account-credentials=false \
    --port=0 --secure-port=0 \
    --controllers='*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-attachdetach,-persistentvolume-binder,-persistentvolume-expander,-pv-protection,-route,-service,-csrsigning,-csrapproving,-csrcleaner,-tokencleaner,-bootstrapsigner,-ttl' \
    --concurrent-deployment-syncs=5 --concurrent-replicaset-syncs=5 \
    --v=1

  # The ServiceAccount admission plugin needs the `default` account, which the controller
  # manager creates; wait for it so tests can create pods right away.
  local deadline=$((SECONDS + 60))
  until KUBECONFIG="$dir/admin.kubeconfig" kubectl get serviceaccount default -n default >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$dir/logs/kube-controller-manager.log" >&2; die "controller manager did not create the default ServiceAccount"; }
    pid_alive "$dir/kube-controller-manager.pid" || { tail -n 30 "$dir/logs/kube-controller-manager.log" >&2; die "kube-controller-manager exited"; }
    sleep 0.5
  done

  if [ -n "$owner" ]; then
    ( detach bash -c "while kill -0 $owner 2>/dev/null && [ -d '$dir' ]; do sleep 1; done; BALLAST_CLUSTER_DIR='$dir' '$here/cluster.sh' down quiet" \
      ) >/dev/null 2>&1 < /dev/null &
    echo $! >"$dir/watchdog.pid"
  fi
  log "ready"
  cmd_env
}

cmd_env() {
  [ -f "$dir/apiserver.port" ] || die "no cluster in $dir (run: hack/cluster.sh up)"
  cat <<EOF
export BALLAST_TEST_CLUSTER_DIR=$dir
export BALLAST_TEST_CLUSTER_SCRIPT=$here/cluster.sh
export BALLAST_TEST_APISERVER=https://127.0.0.1:$(cat "$dir/apiserver.port")
export BALLAST_TEST_KUBECONFIG=$dir/admin.kubeconfig
export BALLAST_TEST_KUBECONFIG_LOWPRIV=$dir/lowpriv.kubeconfig
export BALLAST_TEST_KUBECONFIG_CERT=$dir/cert.kubeconfig
export KUBECONFIG=$dir/admin.kubeconfig
EOF
}

cmd_down() {
  [ -d "$dir" ] || return 0
  [ "${1:-}" = quiet ] || log "stopping the control plane in $dir"
  local watchdog=""
  [ -f "$dir/watchdog.pid" ] && watchdog=$(cat "$dir/watchdog.pid")
  for name in kube-controller-manager kube-apiserver etcd; do
    stop_pidfile "$dir/$name.pid"
  done
  rm -rf "$dir"
  # Last: the watchdog may be the process running this very function.
  if [ -n "$watchdog" ] && [ "$watchdog" != "$$" ] && [ "$watchdog" != "${PPID:-}" ]; then
    kill "$watchdog" 2>/dev/null || true
  fi
}

cmd_stop_apiserver() {
  [ -f "$dir/apiserver.args" ] || die "no cluster in $dir"
  log "stopping kube-apiserver (fault injection)"
  stop_pidfile "$dir/kube-apiserver.pid"
}

cmd_start_apiserver() {
  [ -f "$dir/apiserver.args" ] || die "no cluster in $dir"
  pid_alive "$dir/kube-apiserver.pid" && { log "kube-apiserver already running"; return 0; }
  log "starting kube-apiserver again"
  # shellcheck disable=SC2046
  start_process kube-apiserver $(cat "$dir/apiserver.args")
  wait_ready 90
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  env) cmd_env ;;
  down) shift; cmd_down "$@" ;;
  stop-apiserver) cmd_stop_apiserver ;;
  start-apiserver) cmd_start_apiserver ;;
  status) readyz ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
