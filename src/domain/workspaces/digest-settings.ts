import * as z from 'zod'
import { timeZoneField } from './time-zones'

// A person's own zone; blank or null means "the workspace's".
const ownTimeZone = () => z.preprocess((v) => (v === '' ? null : v), timeZoneField().nullable())

// The "Daily digest" form on the account page. An unticked checkbox posts nothing, so a missing
// digestEnabled means off.
export const DigestSettingsForm = z.strictObject({
  timezone: ownTimeZone(),
  digestEnabled: z
    .literal('on', 'Tick the box or leave it empty.')
    .optional()
    .transform((v) => v === 'on'),
})

// The same settings through PATCH /api/v1/me: either, or both.
export const DigestSettingsPatch = z.strictObject({
  timezone: ownTimeZone().optional(),
  digestEnabled: z.boolean('Send true or false.').optional(),
})
