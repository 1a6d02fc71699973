# The portal as a container image: built in one stage, run from a slim image with production dependencies only,
# as the unprivileged `node` user. Use with PostgreSQL (DATABASE_URL, see compose.yaml); without it the embedded
# database lives in /data/pglite, which must then be a volume and only one container may use it.
#
#   docker build -t fengtai-portal .
#   docker run -p 4321:4321 -e DATABASE_URL=postgres://… -e PUBLIC_SITE_URL=https://… fengtai-portal
#
# PUBLIC_SITE_URL is required (NODE_ENV=production refuses to start without it): it is the address visitors use,
# and every QR code, share link, canonical tag and embed snippet points there. For a local try-out, pass
# -e PUBLIC_SITE_URL=http://localhost:4321. The embedded database's lock is the kernel's (flock, util-linux is in
# the image): a container killed with kill -9 restarts on its volume at once.

# ---- build: all dependencies, then the server build in dist/ ----
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx astro build

# ---- production dependencies only (no compilers, test tools or browsers) ----
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The proposal PDF uses two of the nine weights of Noto Sans SC (10 MB each): the rest stay out of the image.
RUN find node_modules/@expo-google-fonts/noto-sans-sc -name '*.ttf*' \
      ! -name 'NotoSansSC_400Regular.ttf' ! -name 'NotoSansSC_700Bold.ttf' -delete

# ---- runtime ----
FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4321 \
    PGLITE_DIR=/data/pglite
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The catalog, the migrations (src/server/db/migrations, run at start) and the server sources the npm scripts
# (db:backup, db:restore, console:user) import; the app only reads them.
COPY --chown=root:root package.json ./
COPY --chown=root:root data ./data
COPY --chown=root:root src ./src
COPY --chown=root:root scripts ./scripts
# Share cards (/share/…png) are drawn with the system's fonts through fontconfig: Noto Sans CJK for Chinese and
# English, Liberation Sans for separators. Without them Chinese would be drawn as empty boxes.
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-noto-cjk fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4321
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4321) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/serve.mjs"]
