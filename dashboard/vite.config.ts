import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built to dist/, which the gateway serves at `/`; `npm run dev -w @kongchuo/dashboard` proxies the API to a running gateway.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000' } },
});
