import { describe, expect, it } from 'vitest'
import { signFormTimestamp } from '../../src/lib/signed-links'
import { SITE, leadsWithEmail, person, post, shownAgo, submissionsOf, workspaceWithForm } from './fixtures'

// Each check on its own: the post is stored in quarantine with its reason, makes no lead, and is
// answered exactly as a real submission is.
async function expectQuarantined(extra: (key: string) => Promise<Record<string, string>> | Record<string, string>, reasons: string[], formExtra: Record<string, unknown> = {}) {
  const { tenantId, form } = await workspaceWithForm(formExtra)
  const fields = await person(form.key, await extra(form.key))
  const script = await post(form.key, fields, { json: true })
  expect(script.status).toBe(200)
  expect(await script.json()).toEqual({ ok: true })
  expect(script.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
  const plain = await post(form.key, fields)
  expect(plain.status).toBe(303)
  expect(plain.headers.get('Location')).toBe(`${SITE}/thanks`)
  const rows = await submissionsOf(tenantId, form.id)
  expect(rows).toHaveLength(2)
  for (const row of rows) expect(row).toMatchObject({ verdict: 'spam', outcome: 'quarantined', spamReasons: reasons, leadId: null, contactId: null, origin: SITE })
  expect(await leadsWithEmail(tenantId, fields.email ?? '')).toHaveLength(0)
  return rows
}

describe('POST /f/:key spam checks', () => {
  it('quarantines a post that filled the honeypot, keeping what it posted', async () => {
    const [row] = await expectQuarantined(() => ({ _hp: 'http://cheap-pills.example' }), ['honeypot'])
    expect(row?.payload._hp).toBe('http://cheap-pills.example')
  })

  it('quarantines a post sent sooner after the form was shown than its minimum fill time', async () => {
    await expectQuarantined(async (key) => ({ _ts: await shownAgo(key, 1) }), ['too_fast'], { minFillSeconds: 5 })
  })

  it('quarantines a post with a forged timestamp, or one signed for another form', async () => {
    await expectQuarantined(async (key) => ({ _ts: `${(await shownAgo(key)).slice(0, -4)}AAAA` }), ['bad_timestamp'])
    await expectQuarantined(async () => ({ _ts: await shownAgo('AnotherFormKey000000000') }), ['bad_timestamp'])
    await expectQuarantined(async (key) => ({ _ts: await signFormTimestamp('some-other-secret-0123456789abcdefghij', key, Date.now() - 60_000) }), ['bad_timestamp'])
  })

  it('quarantines a post without a timestamp only when the form demands one', async () => {
    await expectQuarantined(() => ({ _ts: '' }), ['no_timestamp'], { acceptWithoutTimestamp: false })
    const { tenantId, form } = await workspaceWithForm()
    expect((await post(form.key, await person(form.key, { _ts: '' }))).status).toBe(303)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ verdict: 'clean', outcome: 'created' }])
  })

  it('quarantines a link or HTML in a name field', async () => {
    await expectQuarantined(() => ({ firstName: 'Visit https://spam.example' }), ['junk_name'])
    await expectQuarantined(() => ({ lastName: '<a href=x>win</a>' }), ['junk_name'])
    await expectQuarantined(() => ({ company: 'www.casino.example' }), ['junk_name'])
  })

  it('quarantines an email that is not an email address', async () => {
    await expectQuarantined(() => ({ email: 'not-an-email' }), ['invalid_email'])
  })

  it('records every reason that applies, and a junk post is held even with required fields missing', async () => {
    await expectQuarantined(async (key) => ({ _hp: 'x', firstName: 'http://x.example', _ts: await shownAgo(key, 0) }), ['honeypot', 'too_fast', 'junk_name'])
    await expectQuarantined(() => ({ _hp: 'x', email: '' }), ['honeypot'])
  })

  it('takes a real company name with a dot in it as clean', async () => {
    const { tenantId, form } = await workspaceWithForm()
    expect((await post(form.key, await person(form.key, { company: 'Amazon.com' }))).status).toBe(303)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ verdict: 'clean' }])
  })
})
