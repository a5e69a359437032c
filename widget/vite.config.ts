import { defineConfig } from 'vite';

/**
 * Library mode: one ES module (Lit and socket.io-client bundled in), because organisers add the
 * widget with a single <script type="module" src=".../widget.js"> tag. Code only some events need
 * (the ticket-type picker and code field) is split into `widget-*.js` files next to it, which
 * widget.js imports from its own origin when an event needs them.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      output: {
        chunkFileNames: 'widget-[name]-[hash].js',
        // Vite keeps whitespace and /*@__PURE__*/ notes in ES libraries for the next bundler;
        // this file goes straight to browsers, so minify it fully.
        minify: { compress: true, mangle: true, codegen: true },
        comments: { annotation: false, jsdoc: false, legal: false },
      },
    },
  },
});
