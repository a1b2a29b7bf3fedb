import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// The dashboard is served by the platform at /; in development Vite proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: path.resolve(import.meta.dirname, '../../dist/apps/dashboard'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, host: '127.0.0.1', proxy: { '/v1': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
