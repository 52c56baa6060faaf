# One image for every app; docker-compose.yml chooses which app a container runs.
# Node 22 LTS (the code also runs on Node ≥ 20.19). Apps run from TypeScript source with tsx (ADR 0001).
FROM node:22-bookworm-slim

ENV NODE_ENV=production \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1
RUN npm install -g pnpm@10.34.9 && mkdir -p /app && chown node:node /app
WORKDIR /app
USER node

# Manifests first, so dependency layers are cached while the code changes.
COPY --chown=node:node package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node apps ./apps
COPY --chown=node:node packages ./packages
COPY --chown=node:node tooling ./tooling
RUN pnpm install --frozen-lockfile && pnpm --filter @presence/admin-web build && pnpm store prune

EXPOSE 3000 3001 3002
# The all-in-one process by default; compose runs each app on its own.
CMD ["pnpm", "--filter", "@presence/all-in-one", "start"]
