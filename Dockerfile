# servicegraph: one image for every part; the command picks the part
# (`start`, `start --no-gateway`, `subgraph <name>`, `gateway`). See docker-compose.yml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.json

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scripts/healthcheck.js ./scripts/healthcheck.js
# Files read at run time beside dist/: the live page, the saved reports and the hub's trusted documents.
COPY live/page ./live/page
COPY reports ./reports
COPY trusted-documents.json ./trusted-documents.json
USER node
# Inside a container: listen on every interface; without DATABASE_URL the
# embedded Postgres keeps its data in the node user's home. Off loopback the
# hub refuses to start until AUTH is set: AUTH=jwt with a key (docs/api.md,
# "Access"), or AUTH=off knowingly.
ENV HOST=0.0.0.0 SERVICEGRAPH_DATA_DIR=/home/node/servicegraph
EXPOSE 4000 4001 4002 4003 4004 4010
# Ready (GET /readyz: Postgres reachable, migrations applied, listeners running, and
# with the default command its gateway process serving) on the ingest port;
# docker-compose.yml checks each part's own port.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD node scripts/healthcheck.js "http://127.0.0.1:${INGEST_PORT:-4010}/readyz"
# The Node flags of every servicegraph process: cli/nodeFlags.ts.
ENTRYPOINT ["node", "--max-semi-space-size=32", "dist/cli/main.js"]
CMD ["start"]
