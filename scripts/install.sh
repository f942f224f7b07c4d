#!/usr/bin/env sh
# Installs trailview from the folder scripts/build-static.sh made (this script is copied into it) under a prefix:
#
#   ./install.sh [--prefix PREFIX]       # PREFIX defaults to /usr/local
#
# PREFIX/bin/trailview, PREFIX/share/man/man1/trailview.1, and the completions where bash-completion, zsh and fish
# look under a prefix: share/bash-completion/completions/trailview, share/zsh/site-functions/_trailview,
# share/fish/vendor_completions.d/trailview.fish. Needs only a POSIX shell and install(1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
for file in trailview trailview.1 completions/trailview.bash completions/_trailview completions/trailview.fish; do
  [ -f "$here/$file" ] || { echo "install.sh: $here/$file is missing (run scripts/build-static.sh first)" >&2; exit 1; }
done
install -D -m 0755 "$here/trailview" "$prefix/bin/trailview"
install -D -m 0644 "$here/trailview.1" "$prefix/share/man/man1/trailview.1"
install -D -m 0644 "$here/completions/trailview.bash" "$prefix/share/bash-completion/completions/trailview"
install -D -m 0644 "$here/completions/_trailview" "$prefix/share/zsh/site-functions/_trailview"
install -D -m 0644 "$here/completions/trailview.fish" "$prefix/share/fish/vendor_completions.d/trailview.fish"
echo "installed $("$prefix/bin/trailview" --version) under $prefix"
