import { defineConfig } from 'vite';

/**
 * Library mode: ONE self-contained ES module (Lit and socket.io-client bundled in), because
 * organisers add the widget with a single <script type="module" src=".../widget.js"> tag.
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
        codeSplitting: false,
        // Vite keeps whitespace and /*@__PURE__*/ notes in ES libraries for the next bundler;
        // this file goes straight to browsers, so minify it fully.
        minify: { compress: true, mangle: true, codegen: true },
        comments: { annotation: false, jsdoc: false, legal: false },
      },
    },
  },
});
