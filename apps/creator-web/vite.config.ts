import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build` writes static files to dist/, to host anywhere (the API serves them in local mode).
// `npm run dev -w @creator-payouts/creator-web` serves the app with hot reload; the API, and local mode's
// sign-in page at `/`, come from `npm start`.
const API = 'http://127.0.0.1:3000';
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1', proxy: { '/api': API, '/local': API, '^/$': API } },
});
