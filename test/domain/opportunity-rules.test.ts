import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planDeal, type DealState } from '../../src/domain/opportunities/changes'
import { daysInStage, isRotting, normaliseAmount, opportunityEventType, probabilityAfter, totalsByCurrency, weightedAmount } from '../../src/domain/opportunities/rules'

describe('normaliseAmount', () => {
  it.each([
    ['a whole number', 1250, '1250.00'],
    ['one decimal', '1250.5', '1250.50'],
    ['two decimals', '0.05', '0.05'],
    ['leading zeros', '007', '7.00'],
    ['surrounding spaces', ' 12.3 ', '12.30'],
    ['zero', 0, '0.00'],
    ['the largest numeric(14,2)', '999999999999.99', '999999999999.99'],
    ['a negative amount', -1, null],
    ['three decimals', '1.005', null],
    ['a float artefact', 0.1 + 0.2, null],
    ['too many digits', '1000000000000', null],
    ['exponent notation', 1e21, null],
    ['a thousands separator', '1,000', null],
    ['not a number', 'ten', null],
    ['NaN', Number.NaN, null],
  ] as const)('%s', (_label, input, expected) => {
    expect(normaliseAmount(input)).toBe(expected)
  })

  it('keeps every valid cent amount exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 99_999_999_999_999n }), (cents) => {
        const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`
        expect(normaliseAmount(text)).toBe(text)
      }),
    )
  })
})

describe('weightedAmount', () => {
  it.each([
    ['no amount', null, 50, null],
    ['half', '1000.00', 50, '500.00'],
    ['rounds half up to the cent', '0.05', 10, '0.01'],
    ['rounds down below half', '0.04', 10, '0.00'],
    ['zero probability', '999.99', 0, '0.00'],
    ['certain', '999999999999.99', 100, '999999999999.99'],
    ['odd cents', '33.33', 75, '25.00'],
  ] as const)('%s', (_label, amount, probability, expected) => {
    expect(weightedAmount(amount, probability)).toBe(expected)
  })
})

describe('totalsByCurrency', () => {
  it.each([
    ['no rows', [], []],
    ['exact decimal sums', [{ currency: 'USD', raw: '0.10', weighted: '0.01' }, { currency: 'USD', raw: '0.20', weighted: '0.02' }], [{ currency: 'USD', raw: '0.30', weighted: '0.03' }]],
    [
      'one total per currency, in order',
      [{ currency: 'USD', raw: '100.00', weighted: '50.00' }, { currency: 'EUR', raw: '10.00', weighted: '1.00' }, { currency: 'USD', raw: '1.50', weighted: '0.75' }],
      [{ currency: 'EUR', raw: '10.00', weighted: '1.00' }, { currency: 'USD', raw: '101.50', weighted: '50.75' }],
    ],
    ['sums beyond a float\'s exact range', [{ currency: 'USD', raw: '999999999999.99', weighted: '0.00' }, { currency: 'USD', raw: '999999999999.99', weighted: '0.00' }], [{ currency: 'USD', raw: '1999999999999.98', weighted: '0.00' }]],
  ] as const)('%s', (_label, rows, expected) => {
    expect(totalsByCurrency([...rows])).toEqual(expected)
  })
})

describe('isRotting', () => {
  const now = new Date('2026-03-15T12:00:00Z')
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
  it.each([
    ['a stage without a threshold never rots', daysAgo(400), null, false],
    ['fresh in the stage', daysAgo(1), 14, false],
    ['exactly at the threshold is not yet past it', daysAgo(14), 14, false],
    ['a moment past the threshold', new Date(daysAgo(14).getTime() - 1), 14, true],
    ['long past', daysAgo(30), 7, true],
    ['entered in the future (clock skew)', daysAgo(-1), 7, false],
  ] as const)('%s', (_label, enteredAt, rottingDays, expected) => {
    expect(isRotting(enteredAt, rottingDays, now)).toBe(expected)
  })

  it('counts whole days in the stage', () => {
    expect(daysInStage(daysAgo(2.5), now)).toBe(2)
    expect(daysInStage(daysAgo(-1), now)).toBe(0)
  })
})

describe('probabilityAfter', () => {
  it.each([
    ['a stage change takes the stage default', { stageChanged: true, given: undefined, stageDefault: 50, current: 10 }, 50],
    ['a given probability wins over the stage default', { stageChanged: true, given: 35, stageDefault: 50, current: 10 }, 35],
    ['no stage change keeps the current one', { stageChanged: false, given: undefined, stageDefault: 50, current: 10 }, 10],
    ['a cleared probability falls back to the stage default', { stageChanged: false, given: null, stageDefault: 50, current: 10 }, 50],
    ['zero is a probability, not a blank', { stageChanged: true, given: 0, stageDefault: 50, current: 10 }, 0],
  ] as const)('%s', (_label, change, expected) => {
    expect(probabilityAfter(change)).toBe(expected)
  })
})

describe('opportunityEventType', () => {
  const c = { from: 'a', to: 'b' }
  it.each([
    ['a stage move', { stageId: c }, 'stage_changed'],
    ['a stage move with the probability it brings', { stageId: c, probability: c }, 'stage_changed'],
    ['a move to another pipeline', { stageId: c, pipelineId: c, probability: c }, 'stage_changed'],
    ['a stage move with another edit', { stageId: c, name: c }, 'updated'],
    ['an owner change', { ownerId: c }, 'owner_changed'],
    ['a status change', { status: c }, 'status_changed'],
    ['a loss with its reason', { status: c, lostReason: c }, 'status_changed'],
    ['a lost reason alone', { lostReason: c }, 'updated'],
    ['a probability alone', { probability: c }, 'updated'],
  ] as const)('%s', (_label, diff, expected) => {
    expect(opportunityEventType(diff)).toBe(expected)
  })
})

describe('planDeal', () => {
  const stageA = { id: 'sa', pipelineId: 'p1', probability: 10 }
  const stageB = { id: 'sb', pipelineId: 'p1', probability: 50 }
  const other = { id: 'sx', pipelineId: 'p2', probability: 20 }
  const before: DealState = { pipelineId: 'p1', stageId: 'sa', stageProbability: 10, probability: 10, status: 'open', lostReason: null }

  it('lands a new deal in the looked-up stage with its probability and the default currency', () => {
    expect(planDeal({ name: 'Deal' }, null, stageA, 'EUR')).toEqual({ values: { name: 'Deal', currency: 'EUR', pipelineId: 'p1', stageId: 'sa', probability: 10, status: 'open' }, stageChanged: true, errors: [] })
  })

  it('moves stage and probability together', () => {
    expect(planDeal({ stage: 'sb' }, before, stageB, 'USD').values).toEqual({ pipelineId: 'p1', stageId: 'sb', probability: 50 })
  })

  it("rejects a stage of another pipeline than the deal's", () => {
    expect(planDeal({ stage: 'sx' }, before, other, 'USD').errors).toEqual([{ path: 'stage', message: expect.stringContaining('another pipeline') }])
    expect(planDeal({ stage: 'sx', pipelineId: 'p2' }, before, other, 'USD').errors).toEqual([])
  })

  it('moves to the first stage of a newly named pipeline', () => {
    expect(planDeal({ pipelineId: 'p2' }, before, other, 'USD')).toMatchObject({ values: { pipelineId: 'p2', stageId: 'sx', probability: 20 }, stageChanged: true })
    expect(planDeal({ pipelineId: 'p1' }, before, stageA, 'USD')).toMatchObject({ values: {}, stageChanged: false })
  })

  it('keeps a lost reason only on lost deals', () => {
    expect(planDeal({ status: 'lost', lostReason: 'Budget' }, before, null, 'USD').values).toEqual({ status: 'lost', lostReason: 'Budget' })
    expect(planDeal({ status: 'open' }, { ...before, status: 'lost', lostReason: 'Budget' }, null, 'USD').values).toEqual({ status: 'open', lostReason: null })
  })
})
