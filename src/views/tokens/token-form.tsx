import { jsx } from '../jsx'
import { TOKEN_EXPIRY_DAYS } from '../../domain/access/schemas'
import { SCOPE_MODULES } from '../../domain/access/scopes'
import { SCOPE_PREFIX, type TokenFormValues } from '../../domain/access/token-form-values'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FieldErrorText, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'

const EXPIRY_OPTIONS = [...TOKEN_EXPIRY_DAYS.map((d) => ({ value: String(d), label: `In ${d} days` })), { value: '', label: 'Never' }]

// One row per module: its read and write boxes.
function ModuleScopes({ checked }: { checked: (scope: string) => boolean }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Module</th>
          <th scope="col">Read</th>
          <th scope="col">Write</th>
        </tr>
      </thead>
      <tbody>
        {SCOPE_MODULES.map((m) => (
          <tr>
            <th scope="row">{m}</th>
            {(['read', 'write'] as const).map((access) => (
              <td>
                <div class="field-check">
                  <input type="checkbox" name={`${SCOPE_PREFIX}${m}:${access}`} checked={checked(`${m}:${access}`)} aria-label={`${m}:${access}`} />
                </div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

// The token form: a name, what the token may do, and when it stops working.
export function TokenForm({ values, errors }: { values: TokenFormValues; errors: FieldError[] }) {
  const checked = (scope: string) => values.scopes.includes(scope)
  const scopeErrors = errors.filter((e) => e.path === 'scopes')
  return (
    <form method="post" action="/settings/tokens" class="card narrow" novalidate>
      <FormErrors errors={errors} fields={['name', 'scopes', 'expiresInDays']} />
      <Field name="name" label="Token name" value={values.name} errors={errors} required maxlength={120} hint="What will use it, e.g. “Zapier” or “nightly export”." />
      <fieldset class="field" aria-invalid={scopeErrors.length ? 'true' : undefined} aria-describedby={scopeErrors.length ? 'f-scopes-error' : 'f-scopes-hint'}>
        <legend>Scopes</legend>
        <p class="field-hint" id="f-scopes-hint">
          Read is GET; write is the rest, and includes read. None ticked: read and write everywhere. Search, saved views and exports reach every module’s records. Your role still limits any token.
        </p>
        <FieldErrorText id="f-scopes" errors={scopeErrors} />
        <CheckboxField name={`${SCOPE_PREFIX}read`} label="read: the whole API" checked={checked('read')} />
        <CheckboxField name={`${SCOPE_PREFIX}write`} label="write: the whole API" checked={checked('write')} />
        <ModuleScopes checked={checked} />
      </fieldset>
      <SelectField name="expiresInDays" label="Expires" options={EXPIRY_OPTIONS} value={values.expiresInDays} errors={errors} hint="After this the token is refused; make a new one." />
      <button type="submit">Create token</button>
    </form>
  )
}
