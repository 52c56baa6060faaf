#!/usr/bin/env bash
# Makes sure a Docker engine runs here: installs Debian's docker.io, docker-compose and debootstrap when
# missing, and starts dockerd (as root) when it is not running. For the smoke test (pnpm test:docker).
set -euo pipefail
if ! command -v dockerd >/dev/null 2>&1 || ! { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; } \
  || ! command -v debootstrap >/dev/null 2>&1; then
  echo "== installing docker.io, docker-compose and debootstrap (Debian)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends docker.io docker-compose debootstrap >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends docker.io docker-compose debootstrap >/dev/null; }
fi
if ! docker info >/dev/null 2>&1; then
  echo "== starting dockerd" >&2
  nohup dockerd >/var/log/presence-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start (see /var/log/presence-dockerd.log)" >&2; exit 1; }
fi
