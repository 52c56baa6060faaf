# One image for every app; docker-compose.yml chooses which app a container runs (node --conditions=compiled
# apps/<app>/dist/main.js), and `presence …` is the admin CLI. Two stages: the build compiles the TypeScript
# (dist/ beside each src/) and the admin UI with every dependency; the image gets the compiled code and
# production dependencies only, runs as the non-root `node` user, and is checked by a HEALTHCHECK.
#
# BASE_IMAGE: any Debian-based image with Node.js ≥ 20.19 and a `node` user (uid 1000). Machines that cannot
# pull it build one from Debian's packages: tooling/docker/make-base-images.sh (docs/self-hosting.md).
ARG BASE_IMAGE=node:22-bookworm-slim

FROM ${BASE_IMAGE} AS build
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc prisma.config.ts turbo.json ./
COPY prisma ./prisma
COPY tooling ./tooling
COPY packages ./packages
COPY apps ./apps
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --output-logs=errors-only
# The image's tree: manifests, production dependencies only (no dev tools), then the compiled code.
RUN mkdir /app \
 && cp --parents package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc prisma.config.ts \
      apps/*/package.json apps/admin/web/package.json packages/*/package.json tooling/*/package.json /app/ \
 && cd /app && pnpm install --prod --frozen-lockfile --ignore-scripts \
 && cd /src && cp -r --parents prisma packages/db/src/connection/pg-config.ts packages/slack-emulator/spec \
      apps/admin/web/dist tooling/docker/healthcheck.mjs /app/ \
 && for dist in apps/*/dist packages/*/dist; do cp -r --parents "$dist" /app/; done \
 && find /app -name '*.map' -delete \
 && rm -rf /app/node_modules/.pnpm/prisma@*/node_modules/prisma/build/public \
 && printf '#!/bin/sh\nexec node --conditions=compiled /app/apps/admin/dist/cli/main.js "$@"\n' > /app/presence \
 && chmod 0755 /app/presence

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    NODE_OPTIONS=--conditions=compiled \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    HOST=0.0.0.0
COPY --from=build /app /app
# /demo: where the compose demo's emulators leave their certificate (a volume initialised from here).
RUN ln -s /app/presence /usr/local/bin/presence && mkdir -p /app/.data /demo && chown node:node /app/.data /demo
WORKDIR /app
USER node
EXPOSE 3000 3001 3002 3003
# /readyz of the all-in-one process; compose gives each app's container its own URL.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "/app/tooling/docker/healthcheck.mjs"]
# The all-in-one process by default; compose runs each app on its own. Run with --init (compose: init: true).
CMD ["node", "apps/all-in-one/dist/main.js"]
