import { defineConfig } from 'vite';

// JSX through Vite's own transformer (Oxc): Preact's automatic runtime, no extra plugin.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  // In development the API comes from a locally running server (npm start, port 8080).
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
