#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet, e.g.
#   scripts/ensure-debian-packages.sh chromium fonts-dejavu-core
# The site tests call it for Chromium, Hugo and Jekyll, so a fresh machine needs no manual step.
# Where they cannot be installed (not Debian, not root) it exits 1 and says why: the tests that
# need them fail loudly instead of being skipped.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 PACKAGE..." >&2
  exit 2
fi

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]
}

missing_packages() {
  local package
  for package in "$@"; do
    installed "$package" || printf '%s\n' "$package"
  done
}

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "ensure-debian-packages: cannot install $*: this machine has no apt-get/dpkg (not Debian" \
    "or Ubuntu). Install them with your system's package manager." >&2
  exit 1
fi

missing=$(missing_packages "$@")
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-debian-packages: missing Debian packages:" $missing >&2
  echo "ensure-debian-packages: cannot install them without root; run:" \
    "sudo apt-get update && sudo apt-get install -y --no-install-recommends" $missing >&2
  exit 1
fi

# Test files run in parallel and each may ask for packages: one apt at a time, and whoever gets
# the lock second finds the packages the first installed.
exec 9>/tmp/infra-log-ensure-debian-packages.lock
flock 9
missing=$(missing_packages "$@")
[ -z "$missing" ] && exit 0

echo "ensure-debian-packages: installing" $missing >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >&2; then
  echo "ensure-debian-packages: apt-get update failed; cannot install" $missing >&2
  exit 1
fi
# shellcheck disable=SC2086 # one package per word
if ! apt-get install -y -qq --no-install-recommends $missing >&2; then
  echo "ensure-debian-packages: apt-get install failed for" $missing >&2
  exit 1
fi
still=$(missing_packages $missing)
if [ -n "$still" ]; then
  echo "ensure-debian-packages: still not installed after apt-get install:" $still >&2
  exit 1
fi
