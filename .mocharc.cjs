// Tests are TypeScript run through tsx; one embedded FerretDB serves the whole run (test/support/hooks.ts).
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/support/hooks.ts'],
  spec: ['test/**/*.test.ts'],
  timeout: 60_000,
  slow: 5_000,
  exit: true,
};
