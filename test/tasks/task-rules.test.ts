import { describe, expect, it } from 'vitest'
import { outcomeIssue } from '../../src/domain/activities/schemas'
import { fromDatetimeLocal, toDatetimeLocal } from '../../src/domain/related/form-values'
import { relatedColumns, relatedPairIssue, relatedRefOf } from '../../src/domain/related/related'
import { reminderIssue, TaskInput } from '../../src/domain/tasks/schemas'
import { workWindows } from '../../src/domain/my-work/windows'

describe('task, activity and link rules', () => {
  it.each([
    ['2030-01-02T10:00:00Z', '2030-01-02T09:00:00Z', null],
    ['2030-01-02T10:00:00Z', '2030-01-02T10:00:00Z', null],
    ['2030-01-02T10:00:00Z', '2030-01-02T10:00:01Z', 'remindAt'],
    [null, '2030-01-02T10:00:00Z', null],
    ['2030-01-02T10:00:00Z', null, null],
  ])('a reminder at %s / %s is %s', (due, remind, path) => {
    expect(reminderIssue(due, remind)?.path ?? null).toBe(path)
  })

  it.each([
    ['call', 'connected', null],
    ['call', 'replied', 'outcome'],
    ['email', 'bounced', null],
    ['meeting', 'no_answer', 'outcome'],
    ['fax', 'sent', null],
  ])('a %s with outcome %s: %s', (type, outcome, path) => {
    expect(outcomeIssue(type, outcome)?.path ?? null).toBe(path)
  })

  it('maps a link to exactly one column and back, and wants both halves or neither', () => {
    const id = crypto.randomUUID()
    expect(relatedColumns({ type: 'lead', id })).toEqual({ accountId: null, contactId: null, leadId: id, opportunityId: null })
    expect(relatedRefOf(relatedColumns({ type: 'opportunity', id }))).toEqual({ type: 'opportunity', id })
    expect(relatedRefOf(relatedColumns(null))).toBeNull()
    expect(relatedPairIssue({ relatedType: 'account' })?.path).toBe('relatedId')
    expect(relatedPairIssue({ relatedId: id })?.path).toBe('relatedType')
    expect(relatedPairIssue({ relatedType: null, relatedId: null })).toBeNull()
  })

  it('reads datetime-local as UTC and writes it back the same', () => {
    expect(fromDatetimeLocal('2030-01-02T09:30')).toBe('2030-01-02T09:30:00Z')
    expect(fromDatetimeLocal('2030-01-02T09:30:15')).toBe('2030-01-02T09:30:15Z')
    expect(fromDatetimeLocal('2030-01-02T09:30:00+02:00')).toBe('2030-01-02T09:30:00+02:00')
    expect(fromDatetimeLocal('')).toBe('')
    expect(toDatetimeLocal(new Date('2030-01-02T09:30:00Z'))).toBe('2030-01-02T09:30')
    expect(TaskInput.parse({ title: 'x', dueAt: fromDatetimeLocal('2030-01-02T09:30') }).dueAt).toBe('2030-01-02T09:30:00Z')
  })

  it('cuts My work into UTC days and the calendar month', () => {
    const w = workWindows(new Date('2030-01-31T23:30:00+01:00'))
    expect(w.today.toISOString()).toBe('2030-01-31T00:00:00.000Z')
    expect(w.tomorrow.toISOString()).toBe('2030-02-01T00:00:00.000Z')
    expect(w.weekEnd.toISOString()).toBe('2030-02-08T00:00:00.000Z')
    expect([w.monthStart, w.monthEnd]).toEqual(['2030-01-01', '2030-01-31'])
    expect(w.days).toEqual({ yesterday: '2030-01-30', today: '2030-01-31', tomorrow: '2030-02-01', weekLast: '2030-02-07' })
    expect(workWindows(new Date('2028-02-10T12:00:00Z')).monthEnd).toBe('2028-02-29')
  })
})
