import { describe, expect, it } from 'vitest'
import { clientJsGzipBytes, workerBundleBytes } from '../../../tools/dev/bundle-size.ts'

// Weight budgets from docs/quality.md. A regression past either fails the suite.
describe('weight budgets', () => {
  it('keeps client JavaScript, htmx included, at most 30 KB gzipped', () => {
    const bytes = clientJsGzipBytes()
    expect(bytes).toBeGreaterThan(1000) // htmx really is in there
    expect(bytes).toBeLessThanOrEqual(30 * 1024)
  })

  it('keeps the worker bundle at most 1 MB minified', () => {
    const bytes = workerBundleBytes()
    expect(bytes).toBeGreaterThan(10_000)
    expect(bytes).toBeLessThanOrEqual(1024 * 1024)
  })
})
