import { Fragment, jsx } from '../jsx'
import type { OutboxRow, OutboxSummary } from '../../db/queries/outbox'
import { MailStatus } from '../components/mail-status'

function Time({ at }: { at: Date | null }) {
  return at ? <time datetime={at.toISOString()}>{at.toISOString()}</time> : <>—</>
}

// http(s) URLs in the text version; nothing else can become a link.
const linksIn = (text: string): string[] => [...new Set(text.match(/\bhttps?:\/\/[^\s<>"]+/g) ?? [])]

export type MailboxPageProps = { items: OutboxSummary[]; nextBefore: string | null; isFirstPage: boolean }

// The local mailbox: every row of the outbox, newest first. Nothing here was delivered anywhere.
export function MailboxPage({ items, nextBefore, isFirstPage }: MailboxPageProps) {
  return (
    <>
      <h1>Dev mailbox</h1>
      <p class="lead">Every email the app sends lands in the outbox; locally, this page is the inbox.</p>
      {items.length === 0 ? (
        <p>{isFirstPage ? 'No mail yet. Password resets, invitations and reminders will show up here.' : 'No older mail.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Written</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr>
                <td>{m.toAddress}</td>
                <td>
                  <a href={`/dev/mail/${m.id}`}>{m.subject}</a>
                </td>
                <td>
                  <MailStatus status={m.status} />
                </td>
                <td>
                  <Time at={m.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages">
        {isFirstPage ? null : <a href="/dev/mail">Newest</a>} {nextBefore ? <a href={`/dev/mail?before=${nextBefore}`}>Older</a> : null}
      </nav>
    </>
  )
}

// One message: its facts, the HTML framed from its own sandboxed URL, and the text alternative.
export function MailMessagePage({ message }: { message: OutboxRow }) {
  const htmlUrl = `/dev/mail/${message.id}/html`
  const links = linksIn(message.text)
  return (
    <>
      <p>
        <a href="/dev/mail">Back to the mailbox</a>
      </p>
      <h1>{message.subject}</h1>
      <dl class="facts">
        <dt>To</dt>
        <dd>{message.toAddress}</dd>
        <dt>Status</dt>
        <dd>
          <MailStatus status={message.status} />
        </dd>
        <dt>Attempts</dt>
        <dd>{message.attempts}</dd>
        <dt>Written</dt>
        <dd>
          <Time at={message.createdAt} />
        </dd>
        <dt>Sent</dt>
        <dd>
          <Time at={message.sentAt} />
        </dd>
        <dt>Idempotency key</dt>
        <dd>{message.idempotencyKey}</dd>
        {message.providerMessageId ? (
          <>
            <dt>Provider id</dt>
            <dd>{message.providerMessageId}</dd>
          </>
        ) : null}
        {message.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{message.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>HTML</h2>
      {/* A bare sandbox: no scripts, no forms, no navigation, an opaque origin. Size comes from
          attributes because the app's CSP forbids inline style. */}
      <iframe src={htmlUrl} sandbox="" title={`HTML version of “${message.subject}”`} width="100%" height="520"></iframe>
      <p>
        <a href={htmlUrl}>Open the HTML on its own</a>
      </p>
      {/* A click inside the frame could only navigate the frame, and our pages refuse to be
          framed, so the links (reset, invitation) are listed here to follow locally. */}
      {links.length ? (
        <>
          <h2>Links</h2>
          <ul>
            {links.map((href) => (
              <li>
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Plain text</h2>
      <pre>{message.text}</pre>
    </>
  )
}
