import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { FormRecord } from '../../db/queries/forms'
import { formUrl, iframeEmbed, scriptEmbed } from '../../domain/forms/embed'
import { DateTime } from '../components/date-time'
import { plainHtmlEmbed } from './form-body'
import type { MemberOption } from './form-editor'
import { FormsStyles } from './forms-styles'

// A form's page: what it is set to do, the three ways to embed it ready to copy, and its
// submissions. Archiving (and restoring) is a plain post from here.

function Fact({ label, children }: { label: string; children: Child }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

const none = (text: string) => <span class="muted">{text}</span>

function Settings({ form: f, members }: { form: FormRecord; members: MemberOption[] }) {
  const owner = f.ownerId ? (members.find((m) => m.id === f.ownerId)?.name ?? 'someone no longer in this workspace') : null
  return (
    <section class="record-facts card" aria-labelledby="form-settings">
      <h2 id="form-settings">Settings</h2>
      <dl>
        <Fact label="Fields">{f.fields.map((x) => `${x.label}${x.required ? ' (required)' : ''}`).join(', ')}</Fact>
        <Fact label="Allowed sites">{f.allowedOrigins.length ? f.allowedOrigins.join(', ') : none('None: only the plain HTML embed and this site can post')}</Fact>
        <Fact label="After submitting">{f.redirectUrl ? `Go to ${f.redirectUrl}` : (f.thankYouMessage ?? 'The standard thank-you message')}</Fact>
        <Fact label="Consent checkbox">{f.consentText ?? none('None')}</Fact>
        <Fact label="Source">{f.defaultSource ?? none('None')}</Fact>
        <Fact label="Owner">{owner ?? 'Chosen by the routing rules'}</Fact>
        <Fact label="Minimum fill time">{`${f.minFillSeconds} s${f.acceptWithoutTimestamp ? '' : ', signed timestamp required'}`}</Fact>
        <Fact label="Rate limits">{`${f.maxPerMinute} a minute, ${f.maxPerIpPerMinute} a minute from one address`}</Fact>
        <Fact label="Turnstile">{f.turnstileSiteKey ? `On (site key ${f.turnstileSiteKey})` : 'Off'}</Fact>
        <Fact label="Created">
          <DateTime value={f.createdAt} />
        </Fact>
      </dl>
    </section>
  )
}

function Snippet({ id, title, hint, code }: { id: string; title: string; hint: string; code: string }) {
  return (
    <div class="field embed">
      <label for={id}>{title}</label>
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea id={id} readonly rows={Math.min(16, code.split('\n').length + 1)} aria-describedby={`${id}-hint`} spellcheck={false}>
        {code}
      </textarea>
    </div>
  )
}

function Embeds({ form: f, appUrl }: { form: FormRecord; appUrl: string }) {
  const action = formUrl(appUrl, f.key)
  return (
    <section aria-labelledby="form-embeds">
      <h2 id="form-embeds">Embed it</h2>
      <p class="lead">
        Paste one of these into your site. The script and the frame work only on the allowed sites; the hosted page is <a href={action}>{action}</a>.
      </p>
      <Snippet
        id="embed-html"
        title="Plain HTML form"
        hint="Works without JavaScript: visitors land on your thank-you page or message. It cannot carry a signed timestamp, so keep “accept submissions without a timestamp” ticked for it."
        code={plainHtmlEmbed({ form: f, action })}
      />
      <Snippet id="embed-script" title="Script" hint="Renders the form in place, submits it without leaving the page and shows errors next to the fields." code={scriptEmbed(appUrl, f.key)} />
      <Snippet id="embed-iframe" title="Frame" hint="Shows the hosted form page inside your page." code={iframeEmbed(appUrl, f.key, f.name)} />
    </section>
  )
}

function ArchiveButton({ form: f }: { form: FormRecord }) {
  const archived = f.archivedAt !== null
  return (
    <form method="post" action={`/forms/${f.id}/${archived ? 'restore' : 'archive'}`} class="inline-form">
      <button type="submit" class="secondary">
        {archived ? 'Restore' : 'Archive'}
      </button>
    </form>
  )
}

export function FormPage({ form: f, members, appUrl, submissions }: { form: FormRecord; members: MemberOption[]; appUrl: string; submissions: Child }) {
  const archived = f.archivedAt !== null
  return (
    <>
      <FormsStyles />
      <div class="record-header">
        <div>
          <p class="record-links">
            <a href="/forms">← Forms</a>
          </p>
          <h1>{f.name}</h1>
        </div>
        <div class="record-actions">
          {archived ? null : (
            <a class="button" href={`/forms/${f.id}/edit`}>
              Edit
            </a>
          )}
          <ArchiveButton form={f} />
        </div>
      </div>
      {archived ? (
        <p class="flash flash-error" role="status">
          Archived <DateTime value={f.archivedAt} />: its public page and embeds answer “not found”, and nothing new arrives. Restore it to take submissions again.
        </p>
      ) : null}
      <Settings form={f} members={members} />
      {archived ? null : <Embeds form={f} appUrl={appUrl} />}
      <section aria-labelledby="form-submissions">
        <h2 id="form-submissions">Submissions</h2>
        {submissions}
      </section>
    </>
  )
}
