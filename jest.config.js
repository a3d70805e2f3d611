// Two projects: node-side code (devcloud, functions, domain, scripts) and pages under jsdom.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tests/global-setup.js',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/miniprogram/'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/miniprogram/setup-globals.js'],
    },
  ],
};
