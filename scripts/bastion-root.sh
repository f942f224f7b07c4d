#!/usr/bin/env bash
# Makes a clean Debian root for the bastion test (Tests/EndToEndTests/BastionTests.swift): debootstrap's minimal
# variant plus only the packages of the shared libraries scripts/build-static.sh listed, no Swift, no compiler.
#
#   scripts/bastion-root.sh DIST ROOT    # DIST: build-static.sh's folder; ROOT: the root to make (replaced)
#
# Needs root, debootstrap and a Debian mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian).
set -euo pipefail
dist=$1
root=$2
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
packages=$(awk '$2 != "unknown" { print $2 }' "$dist/libraries.txt" | sort -u | paste -sd, -)
rm -rf "$root"
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
echo "$packages" > "$root/.trailview-libraries"
echo "made $root ($suite, minbase + $packages)"
