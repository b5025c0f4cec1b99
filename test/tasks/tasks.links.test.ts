import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { linkFailure } from '../../src/db/queries/related-records'
import { notes, tasks } from '../../src/db/schema'
import { AppError } from '../../src/lib/errors'
import { newId } from '../../src/lib/ids'
import { testDb } from '../helpers/app'
import { me, signUp } from '../helpers/auth'
import { newAccount } from './fixtures'

const db = testDb()

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (err) {
    return err
  }
  throw new Error('expected the write to fail')
}

// The composite foreign keys are the last line: whatever slips past the checks in the queries
// (a record deleted meanwhile, a crafted id) fails in the database and becomes a 422 on the field.
describe('links to records and members', () => {
  it("turns a link to another workspace's record into a 422 on relatedId, and writes nothing", async () => {
    const mine = await me(await signUp())
    const other = await signUp()
    const theirs = await newAccount(other)
    const taskId = newId()
    const err = await failure(() => db.batch([db.insert(tasks).values({ tenantId: mine.workspace.id, id: taskId, title: 'Fine on its own' }), db.insert(notes).values({ tenantId: mine.workspace.id, body: 'x', accountId: theirs.id })]))
    const mapped = linkFailure(err, {})
    expect(mapped).toBeInstanceOf(AppError)
    expect((mapped as AppError).status).toBe(422)
    expect((mapped as AppError).fieldErrors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    // The batch is one transaction: the task before the failing note is gone too.
    expect(await db.select().from(tasks).where(eq(tasks.id, taskId))).toEqual([])
  })

  it('names the assignee when the member key fails, and leaves other errors alone', async () => {
    const mine = await me(await signUp())
    const stranger = await me(await signUp())
    const err = await failure(() => db.insert(tasks).values({ tenantId: mine.workspace.id, title: 'x', assigneeId: stranger.userId }))
    expect((linkFailure(err, { assignee: { path: 'assigneeId', message: 'Pick a member.' } }) as AppError).fieldErrors).toEqual([{ path: 'assigneeId', message: 'Pick a member.' }])
    const other = new Error('boom')
    expect(linkFailure(other, {})).toBe(other)
  })
})
