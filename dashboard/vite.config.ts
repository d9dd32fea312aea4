import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built to dist/, which the gateway serves at `/`; `npm run dev -w @kongchuo/dashboard` proxies the API to a running gateway.
// The words of every code come from the one module the services and reports read (shared/src/labels), as its source.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@kongchuo/shared/labels': fileURLToPath(new URL('../shared/src/labels/index.ts', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000' } },
});
