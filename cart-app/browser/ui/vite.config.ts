// Builds the cart's touch UI into cart-app/ui/dist, which the local UI server (and later the
// Electron shell) serves. Everything the page needs is bundled: a cart in a store may be offline.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No Node built-ins here (this folder is browser code to the layer rule): URLs locate the folders.
const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: new URL('../../ui/dist', import.meta.url).pathname,
    emptyOutDir: true,
    // Loaded from the cart's own disk: one request per asset is cheap, inlining keeps it simple.
    assetsInlineLimit: 8192,
    reportCompressedSize: false,
    // Two pages: the cart's touch UI, and the emulator panel a developer opens beside it.
    rolldownOptions: { input: { cart: new URL('index.html', import.meta.url).pathname, emulator: new URL('emulator.html', import.meta.url).pathname } },
  },
});
