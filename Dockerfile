# syntax=docker/dockerfile:1.7
# Công Bộc production image: web and worker in one image; choose the role with the command
# (`node src/main.ts web`, `node src/main.ts worker`, or both by default).

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
# LibreOffice turns apology letters into PDF; fonts-liberation2 is metric-compatible with
# Times New Roman, the font the official form requires, and has the Vietnamese precomposed
# letters (fonts-liberation 1.07 has not: its PDFs fell back to DejaVu Serif mid-word).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PGLITE_DIR=/app/data/pglite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY flows ./flows
COPY locales ./locales
COPY data ./data
RUN mkdir -p /app/data/pglite && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tini forwards SIGTERM so the graceful shutdown (finish running jobs) actually runs.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "src/main.ts"]
