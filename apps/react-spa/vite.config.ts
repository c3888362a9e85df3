import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// Built once, served as files: the production image's server sends `<file>.gz` where the client
// accepts gzip, so no CPU is spent compressing per request (and small files are left alone).
export default defineConfig({
  plugins: [
    react(),
    compression({ algorithms: ['gzip'], include: /\.(js|css|html|svg|json|txt)$/, threshold: 512, deleteOriginalAssets: false }),
  ],
  build: {
    // Hashed file names under /assets/: the server may cache them for a year ("immutable"),
    // while index.html, which names them, is revalidated on every load.
    assetsDir: 'assets',
    // Source maps would ship the sources to production.
    sourcemap: false,
  },
  server: {
    // The development target runs in a container: listen on every interface, not just loopback.
    host: true,
    port: 5173,
    strictPort: true,
  },
});
