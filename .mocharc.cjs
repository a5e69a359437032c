// Tests are TypeScript run through tsx; one embedded FerretDB serves the whole run (test/support/hooks.ts).
// No `spec` here: mocha would add it to files named on the command line. `npm run test:integration` (and scripts/test.sh) names them all.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/support/hooks.ts'],
  timeout: 60_000,
  slow: 5_000,
  exit: true,
};
