#!/usr/bin/env bash
# Build local stand-ins for the public images (see README.md): only for machines without a registry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base=ninja-offline/bookworm:base
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! docker image inspect "$base" >/dev/null 2>&1; then
  rootfs="$(mktemp -d)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror"
  tar -C "$rootfs" -c . | docker import - "$base"
  rm -rf "$rootfs"
fi

build() { docker build --quiet -t "$1" "$2" >/dev/null && echo "built $1 (stand-in)"; }

# This machine reaches PyPI through a proxy whose certificate authorities it trusts; pip in the
# Python stand-in (and so in the project's build stage) trusts them too.
context="$(mktemp -d)"
cp "$here/python/Dockerfile" "$context/"
mkdir "$context/ca"
cp /usr/local/share/ca-certificates/*.crt "$context/ca/" 2>/dev/null || true
build python:3.11-slim-bookworm "$context"
rm -rf "$context"
build postgres:16 "$here/postgres"
build redis:7 "$here/redis"
build nginx:1.27 "$here/nginx"
