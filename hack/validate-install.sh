#!/usr/bin/env bash
# The install surface's tooling, used by Tests/InstallTests (and by people before a release).
#
#   hack/validate-install.sh renderer   installs the Go packages the chart renderer needs (Debian:
#                                       sprig, sigs.k8s.io/yaml, gojsonschema; idempotent), builds
#                                       hack/render-chart into a cache dir outside the repository
#                                       (rebuilt only when its sources change) and prints its path.
#   hack/validate-install.sh            renders the chart and dry-runs config/default and the chart
#                                       against the cluster in $KUBECONFIG (`kubectl apply
#                                       --dry-run=server`); the CRDs and the ballast-system
#                                       namespace are created for real first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

go_packages=(golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-github-xeipuuv-gojsonschema-dev)

install_packages() {
    local missing=()
    for package in "${go_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if ((${#missing[@]})); then
        echo "[validate-install] installing ${missing[*]}" >&2
        local sudo=""
        [[ $(id -u) == 0 ]] || sudo="sudo"
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
}

build_renderer() {
    install_packages
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/ballast/render-chart"
    local hash
    hash=$(cat hack/render-chart/*.go | sha256sum | cut -c1-16)
    local binary="$cache/render-chart-$hash"
    if [[ ! -x $binary ]]; then
        mkdir -p "$cache"
        # GOPATH mode over Debian's Go source tree: builds offline, no module downloads.
        GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE="$cache/gocache" \
            go build -o "$binary.$$" ./hack/render-chart >&2
        mv "$binary.$$" "$binary" # atomic: concurrent callers never see a partial binary
    fi
    echo "$binary"
}

case "${1:-validate}" in
renderer)
    build_renderer
    ;;
validate)
    renderer=$(build_renderer)
    # Namespaced objects can only be dry-run into a namespace that exists.
    kubectl apply -k config/crd >/dev/null
    kubectl create namespace ballast-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
    echo "==> kubectl apply --dry-run=server -k config/default"
    kubectl apply --dry-run=server -k config/default
    echo "==> render-chart charts/ballast | kubectl apply --dry-run=server -f -"
    "$renderer" --chart charts/ballast --namespace ballast-system \
        | kubectl apply --dry-run=server -n ballast-system -f -
    ;;
*)
    echo "usage: $0 [renderer|validate]" >&2
    exit 2
    ;;
esac
