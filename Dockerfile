# mtslink-mcp over Streamable HTTP for a team: docker build -t mtslink-mcp .
# Build stage: full dependencies to bundle dist/ (what the npm package ships).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies and the bundle only, as the unprivileged `node` user.
FROM node:20-slim
ENV NODE_ENV=production \
    MTSLINK_HTTP=true \
    MTSLINK_HTTP_HOST=0.0.0.0 \
    MTSLINK_HTTP_PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY README.md README.ru.md LICENSE ./
USER node
EXPOSE 3000
# The slim image has no curl: Node's own fetch asks /healthz (no auth, any Host).
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MTSLINK_HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM starts the graceful shutdown (MTSLINK_SHUTDOWN_TIMEOUT_MS, default 8000 < docker's 10 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli.js"]
