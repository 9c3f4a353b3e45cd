# Multi-stage image of the API: build with dev dependencies, run as a non-root
# user with production dependencies only. Not built in this project's CI (no
# Docker engine there); see docs/production.md, "Docker".
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc .nvmrc tsconfig.base.json ./
COPY scripts scripts
COPY apps/api-core/package.json apps/api-core/
COPY packages/prisma/package.json packages/prisma/
COPY packages/prisma/scripts packages/prisma/scripts
COPY packages/prisma/prisma packages/prisma/prisma
# The schema folder links the module's fragment: generation (postinstall) reads it.
COPY packages/nestjs-stripe-connect/prisma packages/nestjs-stripe-connect/prisma
COPY packages/stripe-mock/package.json packages/stripe-mock/
COPY packages/nestjs-stripe-connect/package.json packages/nestjs-stripe-connect/
COPY packages/api-client/package.json packages/api-client/
COPY apps/creator-web/package.json apps/creator-web/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
# apps/api-core/dev (local mode, the dev scripts) is left out by .dockerignore: the image has no local mode.
COPY apps/api-core apps/api-core
COPY packages packages
# The API only: the creator web app is static files a platform hosts itself (docs/creator-web.md). The production build
# (build:prod) needs no stand-in: only the dev tree imports packages/stripe-mock.
RUN npm run build -w @creator-payouts/prisma -w @creator-payouts/nestjs-stripe-connect && npm run build:prod -w @creator-payouts/api-core && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/apps/api-core/package.json apps/api-core/
COPY --from=build --chown=node:node /app/apps/api-core/dist apps/api-core/dist
COPY --from=build --chown=node:node /app/packages/prisma/package.json packages/prisma/
COPY --from=build --chown=node:node /app/packages/prisma/dist packages/prisma/dist
COPY --from=build --chown=node:node /app/packages/prisma/prisma packages/prisma/prisma
COPY --from=build --chown=node:node /app/packages/nestjs-stripe-connect/package.json packages/nestjs-stripe-connect/
COPY --from=build --chown=node:node /app/packages/nestjs-stripe-connect/dist packages/nestjs-stripe-connect/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The heap flag is package.json's start:prod (docs/production.md, "Memory"): the old generation
# grows to about 1.6 × the live heap before a full collection, not 4 ×.
CMD ["node", "--max-old-space-size=1024", "apps/api-core/dist/main.js"]
