# Waybill's container image: one image for every service, the service chosen by the arguments.
#
#   docker build -t waybill .
#   docker run --env-file deploy/waybill.env.example -p 8080:8080 waybill --service orders
#   docker run ... waybill                      # all five services in one process
#
# The image runs the production build (`npm run build`) with plain node: no tsx, no TypeScript at
# run time. test/deploy/dockerfile.test.ts checks this file offline (there is no container engine
# on the development machines); deploy/README.md says what it checks.

# Node 20 as the engines allow (^20.19.0) and the machines run (TOOLCHAIN.md), pinned to a release.
FROM node:20.20.2-bookworm-slim AS base
# The repository's package manager: npm 11 (the lockfile, `allowScripts`); the image's npm is older.
RUN npm install --global npm@11.19.1 && npm cache clean --force
WORKDIR /app

# The manifests first: the installs below are cached until a dependency changes.
FROM base AS manifests
COPY package.json package-lock.json ./
COPY gen/package.json gen/
COPY sdk/package.json sdk/
COPY console/package.json console/

# Everything, then the build: sdk/dist, dist/ (services and simulate/, email templates), console/dist.
FROM manifests AS build
RUN npm ci
COPY . .
RUN npm run build

# Production dependencies only, the workspaces' too (@waybill/contracts and @waybill/sdk are
# symbolic links into gen/ and sdk/).
FROM manifests AS dependencies
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=dependencies /app ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/gen ./gen
COPY --from=build /app/sdk/dist ./sdk/dist
COPY --from=build /app/console/dist ./console/dist
# Emails go to MAIL_DIR (.waybill/mail) while SMTP_URL is unset (never in production): writable.
RUN mkdir -p .waybill && chown node:node .waybill
# The image's unprivileged user (uid 1000); the code stays owned by root, read-only to it.
USER node
EXPOSE 8080
# Ready: serving, PostgreSQL and NATS answering. Node's fetch, as slim images have no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM and SIGINT itself (a graceful shutdown, then exit); it starts
# no child processes, so nothing needs reaping. Arguments select services: `--service orders`.
ENTRYPOINT ["node", "dist/services/main.js"]
CMD []
