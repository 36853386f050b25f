import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once into dist/renderer and served by either shell: Electron's app://
// protocol or the browser host's HTTP server. Relative asset paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
});
