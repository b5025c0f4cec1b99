import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import { listActiveMembers } from '../../db/queries/records/columns'
import { RELATED_TYPES } from '../../domain/records/vocab'
import { relatedPath, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { QuickActions, type QuickAction } from '../../views/records/quick-actions'
import { QuickActionPage } from '../../views/related/quick-action-page'


// How the quick actions on a record page answer. htmx gets the panel back, fresh, and a signal
// for the page's history and lists to reload; a plain form post goes back to the record's page.
export async function quickActionSaved(c: Context<AuthedEnv>, kind: QuickAction, ref: RelatedRef) {
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect(relatedPath(ref), 303)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.html(<QuickActions relatedType={ref.type} relatedId={ref.id} members={members} viewerId={c.var.userId} active={kind} saved={kind} />)
}

// A 422 keeps what was typed: the panel for htmx, or a page holding it for a plain post.
export async function quickActionInvalid(c: Context<AuthedEnv>, kind: QuickAction, values: Record<string, string>, errors: FieldError[]) {
  c.header('Vary', 'HX-Request')
  c.status(422)
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  const panel = <QuickActions relatedType={values.relatedType ?? ''} relatedId={values.relatedId ?? ''} members={members} viewerId={c.var.userId} values={values} errors={errors} active={kind} />
  if (isFragment(c)) return c.html(panel)
  return c.render(<QuickActionPage back={backTo(values)}>{panel}</QuickActionPage>, { title: 'Some fields need attention' })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function backTo(values: Record<string, string>): string | null {
  const type = RELATED_TYPES.find((t) => t === values.relatedType)
  return type && UUID.test(values.relatedId ?? '') ? relatedPath({ type, id: values.relatedId ?? '' }) : null
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

// A write refused for its input (a record the viewer cannot see, an assignee who left) comes
// back as field errors for the form; anything else is not the form's business and is rethrown.
export async function attempt<T>(write: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await write() }
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.fieldErrors.length) return { ok: false, errors: err.fieldErrors }
    throw err
  }
}
