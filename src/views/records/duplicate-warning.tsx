import { jsx } from '../jsx'
import type { DuplicateHint } from '../../db/queries/dedupe/check'

// The create forms' inline duplicate warning. DuplicateCheck is the live region under the email
// input: 300 ms after typing stops in the email, phone or name inputs (and only if the value
// changed), htmx asks `url` with what the form has so far and puts the answer in it.

const KEYS = ['email', 'phone', 'firstName', 'lastName', 'companyName', 'accountId']
const inputs = KEYS.map((k) => `#f-${k}`).join(', ')
const typed = ['email', 'phone', 'firstName', 'lastName'].map((k) => `#f-${k}`).join(', ')

export function DuplicateCheck({ url }: { url: string }) {
  return (
    <div
      id="duplicate-warning"
      class="duplicate-warning"
      aria-live="polite"
      hx-get={url}
      hx-trigger={`input changed delay:300ms from:"closest form" target:"${typed}"`}
      hx-include={inputs}
      hx-swap="innerHTML"
      hx-sync="replace"
    ></div>
  )
}

const WHY = { email: 'same email', phone: 'same phone', name: 'similar name' } as const

export function DuplicateWarning({ hint, form }: { hint: DuplicateHint | null; form: 'lead' | 'contact' }) {
  if (!hint) return null
  const noun = hint.kind === form ? '' : `${hint.kind}, `
  if (!hint.visible) {
    return <p>A {hint.kind} with this {hint.by === 'email' ? 'email' : 'phone number'} already exists (owned by someone else).</p>
  }
  return (
    <p>
      Possible duplicate: <a href={`/${hint.kind}s/${hint.id}`}>{hint.name}</a> ({noun}
      {WHY[hint.by]}){hint.by === 'name' ? null : ' — saving adds these details to it.'}
    </p>
  )
}
