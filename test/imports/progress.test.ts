import { describe, expect, it } from 'vitest'
import { importProgress, type ProgressInput } from '../../src/domain/imports/progress'

// The progress bar of an import page: by rows once the file's row count is known, by bytes before.

const START = new Date('2026-05-01T10:00:00Z')
const after = (seconds: number) => new Date(START.getTime() + seconds * 1000)
const run = (over: Partial<ProgressInput>): ProgressInput => ({ status: 'running', nextRow: 0, rowsInFile: null, bytesDone: 0, sizeBytes: 1_000_000, revertDone: 0, revertTotal: 0, runStartedAt: START, ...over })

describe('importProgress', () => {
  it('counts rows against the file’s row count once it is known', () => {
    expect(importProgress(run({ nextRow: 2_500, rowsInFile: 10_000, bytesDone: 900_000 }), after(5))).toEqual({ done: 2_500, total: 10_000, totalEstimated: false, percent: 25, rowsPerSecond: 500, etaSeconds: 15 })
  })

  it('estimates the total and the share from the bytes read before the end of the file is reached', () => {
    expect(importProgress(run({ nextRow: 4_000, bytesDone: 400_000 }), after(2))).toEqual({ done: 4_000, total: 10_000, totalEstimated: true, percent: 40, rowsPerSecond: 2_000, etaSeconds: 3 })
  })

  it('has no rate, no time left and no total before the first chunk is written', () => {
    expect(importProgress(run({ status: 'queued', runStartedAt: null }), after(1))).toEqual({ done: 0, total: null, totalEstimated: false, percent: 0, rowsPerSecond: 0, etaSeconds: null })
    expect(importProgress(run({}), after(3))).toMatchObject({ percent: 0, rowsPerSecond: 0, etaSeconds: null })
  })

  it('says 99%, not 100%, while the last rows are still being written', () => {
    expect(importProgress(run({ nextRow: 996, rowsInFile: 1_000 }), after(10)).percent).toBe(99)
  })

  it.each(['checked', 'completed'] as const)('is full with nothing left once the run is %s', (status) => {
    expect(importProgress(run({ status, nextRow: 1_000, rowsInFile: 1_000 }), after(4))).toEqual({ done: 1_000, total: 1_000, totalEstimated: false, percent: 100, rowsPerSecond: 250, etaSeconds: 0 })
  })

  it('counts an undo by the changes it goes through', () => {
    const undo = run({ status: 'reverting', nextRow: 1_000, rowsInFile: 1_000, revertDone: 300, revertTotal: 1_200 })
    expect(importProgress(undo, after(3))).toEqual({ done: 300, total: 1_200, totalEstimated: false, percent: 25, rowsPerSecond: 100, etaSeconds: 9 })
    expect(importProgress({ ...undo, status: 'reverted', revertDone: 1_200 }, after(12))).toMatchObject({ percent: 100, etaSeconds: 0 })
  })

  it('stays within 0–100% whatever the counters say', () => {
    expect(importProgress(run({ nextRow: 50, bytesDone: 2_000_000 }), after(1)).percent).toBe(100)
    expect(importProgress(run({ nextRow: 0, rowsInFile: 0 }), after(1)).percent).toBe(0)
  })
})
