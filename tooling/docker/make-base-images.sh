#!/usr/bin/env bash
# Makes the base images the product image and compose need, locally from Debian's packages, when the official
# ones (node:22-bookworm-slim, postgres:16-alpine) cannot be pulled (machines that reach only Debian and npm):
#   presence-local/node:bookworm      Debian bookworm (debootstrap) + this machine's Node.js and npm, a `node`
#                                     user (uid 1000), this machine's CA bundle (NODE_EXTRA_CA_CERTS)
#   presence-local/postgres:bookworm  Debian bookworm + Debian's PostgreSQL, with an entrypoint that honours
#                                     POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB and PGDATA like the official one
# Images that exist already are kept. Needs root (debootstrap, chroot) and a running dockerd.
set -euo pipefail
cache="${PRESENCE_DOCKER_CACHE:-/var/cache/presence-docker}"
mirror="$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/\?$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)"
mirror="${mirror:-http://deb.debian.org/debian}"
here="$(cd "$(dirname "$0")" && pwd)"
log() { printf '== %s\n' "$*" >&2; }

rootfs() {
  if [[ ! -f "$cache/rootfs/etc/debian_version" ]]; then
    log "debootstrap bookworm from $mirror"
    rm -rf "$cache/rootfs" && mkdir -p "$cache"
    debootstrap --variant=minbase bookworm "$cache/rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1
  fi
}

import() { # import <dir> <image> [docker import -c …]
  local dir="$1" image="$2"
  shift 2
  tar -C "$dir" -c . | docker import "$@" - "$image" >/dev/null
}

if ! docker image inspect presence-local/node:bookworm >/dev/null 2>&1; then
  rootfs
  work="$(mktemp -d)"
  cp -a "$cache/rootfs" "$work/node"
  node_bin="$(command -v node)"
  npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  cp "$node_bin" "$work/node/usr/local/bin/node"
  mkdir -p "$work/node/usr/local/lib/node_modules"
  cp -a "$(readlink -f "$npm_dir")" "$work/node/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/node/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/node/usr/local/bin/npx"
  mkdir -p "$work/node/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$work/node/etc/ssl/certs/ca-certificates.crt"
  chroot "$work/node" /usr/sbin/groupadd --gid 1000 node
  chroot "$work/node" /usr/sbin/useradd --uid 1000 --gid node --create-home --shell /bin/bash node
  rm -rf "$work/node/var/cache/apt/archives/"*.deb "$work/node/var/lib/apt/lists/"*
  log "importing presence-local/node:bookworm (node $("$node_bin" --version))"
  import "$work/node" presence-local/node:bookworm \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    -c 'CMD ["node"]'
  rm -rf "$work"
fi

if ! docker image inspect presence-local/postgres:bookworm >/dev/null 2>&1; then
  rootfs
  work="$(mktemp -d)"
  cp -a "$cache/rootfs" "$work/pg"
  cp /etc/resolv.conf "$work/pg/etc/resolv.conf"
  mount -t proc proc "$work/pg/proc"
  trap 'umount "$work/pg/proc" 2>/dev/null || true' EXIT
  log "installing Debian's postgresql into the postgres stand-in"
  chroot "$work/pg" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    postgresql-15 >"$cache/postgres-apt.log" 2>&1 \
    || { chroot "$work/pg" apt-get update >>"$cache/postgres-apt.log" 2>&1 \
      && chroot "$work/pg" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        postgresql-15 >>"$cache/postgres-apt.log" 2>&1; }
  umount "$work/pg/proc"
  trap - EXIT
  install -m 0755 "$here/postgres-entrypoint.sh" "$work/pg/usr/local/bin/docker-entrypoint.sh"
  rm -rf "$work/pg/var/cache/apt/archives/"*.deb "$work/pg/var/lib/apt/lists/"*
  mkdir -p "$work/pg/var/lib/postgresql/data" "$work/pg/var/run/postgresql"
  chroot "$work/pg" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
  log "importing presence-local/postgres:bookworm"
  import "$work/pg" presence-local/postgres:bookworm \
    -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV PGDATA=/var/lib/postgresql/data' \
    -c 'EXPOSE 5432' \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    -c 'CMD ["postgres"]'
  rm -rf "$work"
fi
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep presence-local >&2
