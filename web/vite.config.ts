import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `npm run dev:web` serves the app with hot reload and sends API calls to a running
  // `murmur serve` (MURMUR_API, default http://127.0.0.1:8080), cookies and all.
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.MURMUR_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
