import * as z from 'zod'
import { isPhoneCountry } from '../../lib/phone'
import { RECORD_VISIBILITY } from '../records/vocab'
import { timeZoneField } from './time-zones'

// Workspace-wide settings an admin changes on /settings/workspace.
export const WorkspaceSettingsInput = z
  .object({
    name: z.string().trim().min(1, 'Name the workspace.').max(100),
    recordVisibility: z.enum(RECORD_VISIBILITY, 'Choose who sees which records.'),
    defaultCountry: z.string().trim().toUpperCase().refine(isPhoneCountry, 'Use a two-letter country code such as US, GB or DE.'),
    defaultCurrency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD or EUR.'),
    timezone: timeZoneField(),
  })
  .strict()
