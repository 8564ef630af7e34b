// Builds the staff dashboard and the shopper page (two pages, one build, shared assets) into
// store/dashboard/dist, which the store server serves at /dashboard/ and /shopper/. Everything is
// bundled: the pages load nothing from outside the store.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No Node built-ins here (this folder is browser code to the layer rule): URLs locate the folders.
const browserRoot = new URL('..', import.meta.url).pathname;

export default defineConfig({
  root: browserRoot,
  // Absolute: /dashboard/ and /shopper/ both load from the store's /assets/.
  base: '/',
  plugins: [react()],
  build: {
    outDir: new URL('../../dashboard/dist', import.meta.url).pathname,
    emptyOutDir: true,
    // The store's page policy allows data: only for images; fonts and scripts stay files.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        dashboard: new URL('./index.html', import.meta.url).pathname,
        shopper: new URL('../shopper/index.html', import.meta.url).pathname,
      },
    },
  },
});
