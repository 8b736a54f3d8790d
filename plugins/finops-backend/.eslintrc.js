module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests that read the shared FOCUS sample are skipped where it is missing.
    'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['itWithFocusSample'] }],
  },
});
