#!/usr/bin/env bash
# A real Alertmanager (Debian's prometheus-alertmanager 0.25) on loopback, for tests and the demo.
#
#   hack/alertmanager.sh install
#       Installs Debian's prometheus-alertmanager when missing (idempotent; runs apt-get update
#       once if the package is unknown) and prints the binary's path.
#   hack/alertmanager.sh run DIR WEBHOOK_URL TOKEN_FILE PORT
#       Writes DIR/alertmanager.yml routing every alert to WEBHOOK_URL (Ballast's receiver,
#       POST /api/v1/alerts) with `Authorization: Bearer <contents of TOKEN_FILE>`, short group
#       timers and send_resolved, then execs Alertmanager in the foreground on 127.0.0.1:PORT
#       with clustering off and its storage in DIR. The caller owns the process: kill its pid.
#   hack/alertmanager.sh prometheus DIR TARGET PORT
#       The other monitoring peer of Ballast's HTTP surface: installs Debian's prometheus when
#       missing, writes DIR/prometheus.yml scraping http://TARGET/metrics (TARGET is HOST:PORT)
#       every second, then execs Prometheus in the foreground on 127.0.0.1:PORT with its TSDB
#       in DIR. The caller owns the process.
set -euo pipefail

find_binary() {
    for candidate in /usr/bin/prometheus-alertmanager /usr/bin/alertmanager; do
        if [[ -x "$candidate" ]]; then echo "$candidate"; return 0; fi
    done
    return 1
}

# apt_install PACKAGE: installs a Debian package (idempotent callers check first).
apt_install() {
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    # apt refuses concurrent runs; wait for the lock instead of failing (other scripts may install too).
    local apt=(apt-get -o DPkg::Lock::Timeout=300 -y -q)
    if ! apt-cache show "$1" >/dev/null 2>&1; then
        $sudo "${apt[@]}" update >&2
    fi
    # --no-install-recommends: only the binary is needed here, not exporters or services. The
    # package's postinst may start a service where systemd exists; tests use their own ports.
    $sudo "${apt[@]}" install --no-install-recommends "$1" >&2
}

install() {
    if find_binary >/dev/null; then find_binary; return 0; fi
    apt_install prometheus-alertmanager
    find_binary || { echo "alertmanager.sh: prometheus-alertmanager installed but no binary found" >&2; exit 1; }
}

prometheus() {
    if [[ $# -ne 3 ]]; then
        echo "usage: $0 prometheus DIR TARGET PORT" >&2; exit 2
    fi
    local dir=$1 target=$2 port=$3
    if [[ ! -x /usr/bin/prometheus ]]; then apt_install prometheus; fi
    mkdir -p "$dir/data"
    cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
- job_name: ballast
  static_configs:
  - targets: ['$target']
YAML
    exec /usr/bin/prometheus \
        --config.file="$dir/prometheus.yml" \
        --storage.tsdb.path="$dir/data" \
        --web.listen-address="127.0.0.1:$port" \
        --log.level=warn
}

run() {
    if [[ $# -ne 4 ]]; then
        echo "usage: $0 run DIR WEBHOOK_URL TOKEN_FILE PORT" >&2; exit 2
    fi
    local dir=$1 url=$2 token_file=$3 port=$4
    local binary
    binary=$(install)
    mkdir -p "$dir/data"
    cat >"$dir/alertmanager.yml" <<YAML
route:
  receiver: ballast
  group_by: ['...']        # every alert its own group: one notification per alert
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: ballast
  webhook_configs:
  - url: '$url'
    send_resolved: true
    http_config:
      authorization:
        type: Bearer
        credentials_file: '$token_file'
YAML
    exec "$binary" \
        --config.file="$dir/alertmanager.yml" \
        --storage.path="$dir/data" \
        --web.listen-address="127.0.0.1:$port" \
        --cluster.listen-address= \
        --log.level=info
}

case "${1:-}" in
    install) install ;;
    run) shift; run "$@" ;;
    prometheus) shift; prometheus "$@" ;;
    *) echo "usage: $0 install | run DIR WEBHOOK_URL TOKEN_FILE PORT | prometheus DIR TARGET PORT" >&2; exit 2 ;;
esac
