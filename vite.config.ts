/**
 * The web portal's build (Vite + Preact): `npm run build:web` writes web/dist, which `npm start`
 * serves at / (local/static-files.ts) and the cloud serves from the web bucket.
 * `npm run dev:web` serves it with hot reload and proxies /api to a running `npm start`.
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': process.env.PORTAL_URL ?? 'http://localhost:3000' },
    fs: { allow: ['..'] },
  },
});
