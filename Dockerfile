# syntax=docker/dockerfile:1
# Queuetix in production: the backend as compiled JavaScript under plain node (no tsx, no
# TypeScript, no dev dependencies at run time), serving the built site and widget.
#   docker build -t queuetix .        (docker-compose.yml builds it for you)

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Everything needed to build: all workspaces' dependencies, dev ones included.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY widget/package.json widget/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages packages
COPY backend backend
COPY frontend frontend
COPY widget widget
# tsc → packages/contracts/dist and backend/dist, Vite → frontend/dist and widget/dist.
RUN npm run build --workspaces --if-present

# 2. The backend's production dependencies only.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY widget/package.json widget/
RUN npm ci --omit=dev --workspace=backend --include-workspace-root=false --no-audit --no-fund \
  && mkdir -p backend/node_modules

# 3. What runs: node, the compiled backend, its dependencies and the static bundles.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=runtime-deps --chown=node:node /app/node_modules node_modules
COPY --from=runtime-deps --chown=node:node /app/backend/node_modules backend/node_modules
COPY --from=build --chown=node:node /app/package.json package.json
COPY --from=build --chown=node:node /app/backend/package.json backend/package.json
COPY --from=build --chown=node:node /app/packages/contracts/package.json packages/contracts/package.json
COPY --from=build --chown=node:node /app/packages/contracts/dist packages/contracts/dist
COPY --from=build --chown=node:node /app/backend/dist backend/dist
COPY --from=build --chown=node:node /app/frontend/dist frontend/dist
COPY --from=build --chown=node:node /app/widget/dist widget/dist
COPY --from=build --chown=node:node /app/widget/demo widget/demo
USER node
EXPOSE 3000
# SIGTERM drains (docs/operations.md): give it SHUTDOWN_GRACE_MS plus a little in the orchestrator.
STOPSIGNAL SIGTERM
# `built`: the contracts package resolves to its compiled dist/ (its exports), not to its TypeScript sources.
# --max-semi-space-size: the V8 settings of backend/src/node-flags.ts (why: there).
# workers.js: WORKERS instances of the backend (default: one per available core) behind the one port.
CMD ["node", "--max-semi-space-size=64", "--conditions=built", "backend/dist/workers.js"]
