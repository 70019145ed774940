#!/usr/bin/env bash
# Installs everything the local control plane needs, idempotently:
#   - Debian packages: etcd-server, golang-go, rsync, jq, openssl, curl, kubernetes-client
#     (kubectl, when the machine has none)
#   - kube-apiserver and kube-controller-manager, built from Debian's `kubernetes` source
#     package (1.20.2) with Debian's Go and two fixes for building 1.20 with Go >= 1.16:
#       * the vendored modern-go/reflect2 1.0.1 segfaults: replaced with Debian's 1.0.2;
#       * the vendored OpenAPI type validator treats "" as null, so custom resources with an
#         empty string field (a condition's empty message) are rejected with 422
#         (kubernetes/kubernetes#99804); patched as upstream did in kubernetes/kube-openapi#230.
#
# The binaries are cached outside the repository in $BALLAST_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/ballast) and rebuilt only when missing.
# Prints the directory that holds the binaries on its last line.
set -euo pipefail

cache="${BALLAST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ballast}"
# The build id names the source version and the fixes applied; change it with the fixes so
# that a cached build without them is never reused.
build_id="1.20.2-fix2"
bin="$cache/kubernetes-$build_id/bin"
mkdir -p "$cache"

log() { printf '[install-control-plane] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then
    log "apt-get update"
    as_root apt-get update -qq >&2
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

have_binaries() { [ -x "$bin/kube-apiserver" ] && [ -x "$bin/kube-controller-manager" ]; }

# One installer at a time per build: parallel test runs wait here instead of building twice.
exec 9>"$cache/.install-$build_id.lock"
flock 9

apt_install etcd-server rsync jq openssl curl ca-certificates python3
command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client

if have_binaries; then
  echo "$bin"
  exit 0
fi

apt_install golang-go golang-github-modern-go-reflect2-dev make dpkg-dev

# Fetch the source package through a private sources list derived from the system's, so the
# machine's apt configuration stays untouched.
src="$cache/src"
if [ ! -d "$src/kubernetes-1.20.2" ]; then
  rm -rf "$src" && mkdir -p "$src"
  etc="$cache/apt-src"
  rm -rf "$etc" && mkdir -p "$etc/lists/partial"
  list="$etc/sources.list"
  : >"$list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -n 's/^deb \(.*debian\.org.*\)$/deb-src \1/p' "$f" >>"$list"
  done
  deb822=()
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && deb822+=("$f")
  done
  if [ ${#deb822[@]} -gt 0 ]; then
    # deb822 stanzas: keep the Debian ones, switch their type to deb-src.
    awk 'BEGIN{RS=""; ORS="\n\n"} /debian\.org/ {sub(/Types: deb/, "Types: deb-src"); print}' \
      "${deb822[@]}" >"$etc/debian-src.sources"
  fi
  opts=(-o "Dir::Etc::SourceList=$list" -o "Dir::Etc::SourceParts=$etc"
        -o "Dir::State::Lists=$etc/lists")
  log "fetching Debian's kubernetes source package"
  as_root apt-get "${opts[@]}" update -qq >&2
  (cd "$src" && apt-get "${opts[@]}" source --download-only kubernetes >&2)
  (cd "$src" && dpkg-source --no-check -x kubernetes_*.dsc kubernetes-1.20.2 >&2)
fi

root="$src/kubernetes-1.20.2"
reflect2=$(dpkg -L golang-github-modern-go-reflect2-dev | grep -m1 '/github.com/modern-go/reflect2$')
log "replacing vendored reflect2 with $reflect2 (Go >= 1.18 segfault fix)"
rm -rf "$root/vendor/github.com/modern-go/reflect2"
cp -r "$reflect2" "$root/vendor/github.com/modern-go/reflect2"
rm -f "$root/vendor/github.com/modern-go/reflect2/go.mod"

log "patching the OpenAPI type validator so \"\" is not taken for null (kubernetes#99804)"
for f in "$root/vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go" \
         "$root/vendor/github.com/go-openapi/validate/type.go"; do
  sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$f"
  grep -q 'if data == nil {' "$f" || { log "could not patch $f"; exit 1; }
done

log "building kube-apiserver and kube-controller-manager (about 6 minutes on 2 cores)"
mkdir -p "$root/.go/src/k8s.io"
ln -sfn "$root" "$root/.go/src/k8s.io/kubernetes"
(
  cd "$root/.go/src/k8s.io/kubernetes"
  export GOPATH="$root/.go" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-mod=vendor
  export KUBE_BUILD_PLATFORMS=linux/amd64
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >&2
)
mkdir -p "$bin"
for b in kube-apiserver kube-controller-manager; do
  found=$(find "$root/_output" -type f -name "$b" -perm -u+x | head -n1)
  [ -n "$found" ] || { log "build produced no $b"; exit 1; }
  cp "$found" "$bin/$b"
done
log "binaries cached in $bin"
echo "$bin"
