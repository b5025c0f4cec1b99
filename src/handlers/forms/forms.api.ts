import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { listFormSubmissions } from '../../db/queries/form-submission-list'
import { formToInput, getForm, listForms, setFormArchived, type FormRecord } from '../../db/queries/forms'
import { formUrl } from '../../domain/forms/embed'
import { FormField } from '../../domain/forms/fields'
import { FormInput, FormListQuery, FormPatch, SubmissionListQuery, mergeFormPatch } from '../../domain/forms/schemas'
import { SPAM_VERDICTS, SUBMISSION_OUTCOMES } from '../../domain/forms/submissions'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { parseOrThrow } from '../../lib/validation'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { saveForm } from './save-form'

// Lead capture forms as JSON, for whoever may manage them. The Turnstile secret goes in and
// never comes out: responses say only whether one is set.
export const formsApi = apiRouter()
formsApi.use('/forms', requirePermission('forms.manage'))
formsApi.use('/forms/*', requirePermission('forms.manage'))

const TAGS = ['Forms']
const NOT_FOUND_MESSAGE = 'No such form in this workspace.'

const FormJson = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    fields: z.array(FormField),
    consentText: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    thankYouMessage: z.string().nullable(),
    redirectUrl: z.string().nullable(),
    defaultSource: z.string().nullable(),
    ownerId: z.string().nullable(),
    turnstileSiteKey: z.string().nullable(),
    hasTurnstileSecret: z.boolean(),
    minFillSeconds: z.number().int(),
    acceptWithoutTimestamp: z.boolean(),
    maxPerMinute: z.number().int(),
    maxPerIpPerMinute: z.number().int(),
    embedUrl: z.string().openapi({ description: 'The hosted form page, for an iframe; submissions are posted here too.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi('Form')

const SubmissionJson = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    verdict: z.enum(SPAM_VERDICTS),
    spamReasons: z.array(z.string()),
    outcome: z.enum(SUBMISSION_OUTCOMES),
    origin: z.string().nullable(),
    consentGiven: z.boolean().nullable(),
    leadId: z.string().nullable(),
    contactId: z.string().nullable(),
  })
  .openapi('FormSubmission')

function formJson(c: Context<AuthedEnv>, f: FormRecord): z.infer<typeof FormJson> {
  const { turnstileSecret, createdAt, updatedAt, archivedAt, ...rest } = f
  return { ...rest, hasTurnstileSecret: Boolean(turnstileSecret), embedUrl: formUrl(c.env.APP_URL, f.key), createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: iso(archivedAt) }
}

async function formOr404(c: Context<AuthedEnv>, id: string): Promise<FormRecord> {
  const form = await getForm(c.var.db, c.var.tenantId, id)
  if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return form
}

const one = (description: string) => ({ description, content: { 'application/json': { schema: FormJson } } })

formsApi.openapi(
  createRoute({
    method: 'post',
    path: '/forms',
    operationId: 'createForm',
    tags: TAGS,
    summary: 'Create a lead capture form',
    description: 'allowedOrigins are the sites that may embed and post to it, as origins ("https://www.example.com"). ownerId, if given, must be an active member; without it, routing rules choose the owner of each new lead.',
    request: { body: { required: true, content: { 'application/json': { schema: FormInput } } } },
    responses: { 201: one('Created'), ...COMMON_ERRORS },
  }),
  async (c) => c.json(formJson(c, await saveForm(c.var.db, c.var.tenantId, c.var.userId, c.req.valid('json'))), 201),
)

formsApi.openapi(
  createRoute({
    method: 'get',
    path: '/forms',
    operationId: 'listForms',
    tags: TAGS,
    summary: "The workspace's forms, newest first",
    description: 'Archived forms only with archived=true.',
    request: { query: FormListQuery },
    responses: { 200: { description: 'A page of forms', content: { 'application/json': { schema: listEnvelope(FormJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const page = await listForms(c.var.db, c.var.tenantId, c.req.valid('query'))
    return c.json({ data: page.data.map((f) => formJson(c, f)), nextCursor: page.nextCursor }, 200)
  },
)

formsApi.openapi(
  createRoute({ method: 'get', path: '/forms/{id}', operationId: 'getForm', tags: TAGS, summary: 'One form', request: { params: RecordIdParam }, responses: { 200: one('The form'), ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => c.json(formJson(c, await formOr404(c, c.req.valid('param').id)), 200),
)

formsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/forms/{id}',
    operationId: 'updateForm',
    tags: TAGS,
    summary: 'Change some settings of a form',
    description: 'fields, when given, replace the whole list. Leaving turnstileSecret out keeps the stored one; a null turnstileSiteKey turns Turnstile off.',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: FormPatch } } } },
    responses: { 200: one('The changed form'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const stored = await formOr404(c, id)
    const input = parseOrThrow(FormInput, mergeFormPatch(formToInput(stored), c.req.valid('json')))
    return c.json(formJson(c, await saveForm(c.var.db, c.var.tenantId, c.var.userId, input, id)), 200)
  },
)

formsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/forms/{id}',
    operationId: 'archiveForm',
    tags: TAGS,
    summary: 'Archive a form',
    description: 'Its public page and endpoint stop answering (404); the form and its submissions are kept. Restore it with POST /forms/{id}/restore.',
    request: { params: RecordIdParam },
    responses: { 200: one('The archived form'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const form = await setFormArchived(c.var.db, c.var.tenantId, c.req.valid('param').id, true)
    if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.json(formJson(c, form), 200)
  },
)

formsApi.openapi(
  createRoute({ method: 'post', path: '/forms/{id}/restore', operationId: 'restoreForm', tags: TAGS, summary: 'Restore an archived form', request: { params: RecordIdParam }, responses: { 200: one('The restored form'), ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => {
    const form = await setFormArchived(c.var.db, c.var.tenantId, c.req.valid('param').id, false)
    if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.json(formJson(c, form), 200)
  },
)

formsApi.openapi(
  createRoute({
    method: 'get',
    path: '/forms/{id}/submissions',
    operationId: 'listFormSubmissions',
    tags: TAGS,
    summary: "A form's submissions, newest first, spam included",
    request: { params: RecordIdParam, query: SubmissionListQuery },
    responses: { 200: { description: 'A page of submissions', content: { 'application/json': { schema: listEnvelope(SubmissionJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const [form, page] = await Promise.all([getForm(c.var.db, c.var.tenantId, id), listFormSubmissions(c.var.db, c.var.tenantId, id, c.req.valid('query'))])
    if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    const data = page.data.map(({ leadName: _l, contactName: _c, receivedAt, ...s }) => ({ ...s, receivedAt: receivedAt.toISOString() }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  },
)
