import { defineConfig } from 'vitest/config';

/**
 * Unit specs of the pure front-end code (`npm run test:unit`), next to the code they check
 * (`format.ts` → `format.test.ts`). Plain Node, no DOM: the few browser globals a module touches
 * are stubbed in its spec. mocha + chai in test/ stays the runner for the backend and the browser.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // The site's own Vite config, so `@/` imports resolve as in the build.
        extends: './frontend/vite.config.ts',
        test: { name: 'frontend', root: './frontend', include: ['src/**/*.test.ts'], env: { TZ: 'America/New_York' } },
      },
      {
        test: { name: 'widget', root: './widget', include: ['src/**/*.test.ts'], env: { TZ: 'America/New_York' } },
      },
    ],
  },
});
