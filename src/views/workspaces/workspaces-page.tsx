import { Fragment, jsx } from '../jsx'
import { ROLE_LABELS } from '../../domain/access/roles'
import type { WorkspaceChoice } from '../../db/queries/users'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'

// The workspace switcher: every workspace the person belongs to, and a form to start another.
export function WorkspacesPage({ workspaces, activeId, values = {}, errors = [] }: { workspaces: WorkspaceChoice[]; activeId: string; values?: { workspace?: string }; errors?: FieldError[] }) {
  return (
    <>
      <h1>Workspaces</h1>
      <ul class="workspace-list">
        {workspaces.map((w) => (
          <li class="card">
            <div>
              <strong>{w.name}</strong> <span class="muted">{ROLE_LABELS[w.role]}</span>
            </div>
            {w.tenantId === activeId ? (
              <span class="badge">Current</span>
            ) : (
              <form method="post" action="/workspaces/switch">
                <input type="hidden" name="tenantId" value={w.tenantId} />
                <button type="submit" class="secondary">
                  Switch to {w.name}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <h2>Start another workspace</h2>
      <form method="post" action="/workspaces" class="card narrow" novalidate>
        <FormErrors errors={errors} fields={['workspace']} />
        <Field name="workspace" label="Workspace name" value={values.workspace} errors={errors} required maxlength={120} />
        <button type="submit">Create workspace</button>
      </form>
    </>
  )
}
