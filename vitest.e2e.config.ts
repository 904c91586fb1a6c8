import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // a busy 2-core CI machine: what a test waits for may take longer than vitest's 1 s default
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts']
  }
})
