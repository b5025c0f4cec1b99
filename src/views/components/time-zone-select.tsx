import { jsx } from '../jsx'
import { canonicalTimeZone, TIME_ZONES, zoneLabel } from '../../domain/workspaces/time-zones'
import type { FieldError } from '../../lib/errors'
import { SelectField, type Option } from './select-field'

const ZONE_OPTIONS: Option[] = TIME_ZONES.map((zone) => ({ value: zone, label: zoneLabel(zone) }))

// The `timezone` select: every IANA zone, and first, when given, a "use the default" choice
// (posted as an empty value). A saved zone is shown by the runtime's canonical name, so one that a
// newer runtime lists under a new name (Asia/Calcutta, now Asia/Kolkata) is still selected.
export function TimeZoneSelect({ label, value, errors, hint, defaultLabel }: { label: string; value?: string | null; errors?: FieldError[]; hint?: string; defaultLabel?: string }) {
  const options = defaultLabel === undefined ? ZONE_OPTIONS : [{ value: '', label: defaultLabel }, ...ZONE_OPTIONS]
  return <SelectField name="timezone" label={label} options={options} value={value ? (canonicalTimeZone(value) ?? value) : ''} errors={errors} hint={hint} />
}
