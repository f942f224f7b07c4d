#!/usr/bin/env bash
# Builds trailview for a bastion: one release binary with the Swift runtime and Foundation linked statically
# (--static-swift-stdlib), its manual page and shell completions, and install.sh, in one folder to copy.
#
#   scripts/build-static.sh [OUT]        # OUT defaults to dist/
#
# OUT then holds: trailview, trailview.1, completions/{trailview.bash,_trailview,trailview.fish}, install.sh,
# and libraries.txt, the shared libraries the binary still needs with the Debian package of each (the C libraries
# it uses: ncursesw, zlib, ISA-L, zstd, libcurl for URLSession, libxml2 for XMLParser; and libc, libstdc++).
# Needs Swift 6 and the README's apt packages plus libcurl4-openssl-dev (libcurl's link-time library).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
mkdir -p "$out/completions"

swift build -c release --static-swift-stdlib --product trailview --scratch-path .build-static
swift build -c release --product generate-manual --scratch-path .build-static
bin=.build-static/release/trailview

cp "$bin" "$out/trailview"
strip "$out/trailview"
"$out/trailview" --generate-completion-script bash > "$out/completions/trailview.bash"
"$out/trailview" --generate-completion-script zsh > "$out/completions/_trailview"
"$out/trailview" --generate-completion-script fish > "$out/completions/trailview.fish"
.build-static/release/generate-manual "$out/trailview" --output-directory "$out" --date "$(date -u +%Y-%m-%d)"
# The generator lists the implicit `help` subcommand as a "subcommand" argument in the synopsis; trailview takes
# none, so that line goes.
sed -i '/^\.Ar subcommand$/d' "$out/trailview.1"
cp scripts/install.sh "$out/install.sh"

# Each shared library the binary needs, where this machine has it, and the Debian package holding it.
: > "$out/libraries.txt"
for lib in $(readelf -d "$out/trailview" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
  # awk reads to the end: leaving early would kill ldconfig with SIGPIPE, which pipefail turns into a failure.
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found { print $NF; found = 1 }')
  real=$(readlink -f "${path:-/nonexistent}" 2>/dev/null || true)
  package=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$package" ] || package=$(dpkg -S "$real" 2>/dev/null | head -1 | cut -d: -f1 || true)
  echo "$lib ${package:-unknown}" >> "$out/libraries.txt"
done
echo "built $out/trailview ($(du -h "$out/trailview" | cut -f1)), $("$out/trailview" --version)"
echo "shared libraries it needs (library, Debian package):"
sed 's/^/  /' "$out/libraries.txt"
