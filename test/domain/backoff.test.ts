import { describe, expect, it } from 'vitest'
import { retryDelaySeconds } from '../../src/domain/jobs/backoff'

describe('retryDelaySeconds', () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [5, 160],
    [7, 640],
    [8, 900],
    [50, 900],
  ])('attempt %i waits %i s', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds)
  })
})
