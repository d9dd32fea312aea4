# One image for every service of the system; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY dashboard/package.json dashboard/
COPY reports/package.json reports/
COPY demo/package.json demo/
COPY identity/package.json identity/
COPY subgraphs/education/package.json subgraphs/education/
COPY subgraphs/public-security/package.json subgraphs/public-security/
COPY subgraphs/civil-affairs/package.json subgraphs/civil-affairs/
COPY subgraphs/community/package.json subgraphs/community/
COPY subgraphs/joint-meeting/package.json subgraphs/joint-meeting/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
USER node
CMD ["node", "scripts/dist/serve.js", "gateway"]
