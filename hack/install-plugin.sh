#!/usr/bin/env bash
# Installs the `ballast` binary as the kubectl plugin `kubectl-ballast`, so that
# `kubectl ballast stop|resume|status|history|explain|approve|reject` works.
#
# kubectl finds plugins by name on PATH: this puts a symlink (or, with --copy, a copy)
# named kubectl-ballast into DIR (default ~/.local/bin) and checks that kubectl sees it.
#
#   hack/install-plugin.sh                  # link the debug build into ~/.local/bin
#   hack/install-plugin.sh --build --release /usr/local/bin
#   hack/install-plugin.sh --copy ~/bin     # a copy survives `swift package clean`
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration=debug
build=false
copy=false
directory="${HOME}/.local/bin"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=true ;;
    --release) configuration=release ;;
    --copy) copy=true ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install-plugin.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
    *) directory="$1" ;;
  esac
  shift
done

if $build; then
  swift build -c "$configuration" --product ballast
fi
binary="$(swift build -c "$configuration" --show-bin-path)/ballast"
if [[ ! -x "$binary" ]]; then
  echo "install-plugin.sh: $binary does not exist; build it first (swift build --product ballast) or pass --build" >&2
  exit 1
fi

mkdir -p "$directory"
target="$directory/kubectl-ballast"
if $copy; then
  install -m 0755 "$binary" "$target"
  echo "installed: $target (a copy of $binary)"
else
  ln -sfn "$binary" "$target"
  echo "installed: $target -> $binary"
fi

case ":$PATH:" in
  *":$directory:"*)
    if command -v kubectl >/dev/null && ! kubectl plugin list 2>/dev/null | grep -qx "$target"; then
      echo "warning: kubectl plugin list does not show $target (another kubectl-ballast earlier on PATH?)" >&2
    fi
    echo "try: kubectl ballast status" ;;
  *)
    echo "note: $directory is not on PATH; add it, e.g. export PATH=\"$directory:\$PATH\"" ;;
esac
