import { ACCOUNT_SIZES } from '../../domain/records/vocab'

// Display labels for vocabulary values: "left_voicemail" → "Left voicemail".
export const labelOf = (value: string): string => {
  const words = value.replace(/[_-]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const optionsOf = (values: readonly string[]) => values.map((v) => ({ value: v, label: labelOf(v) }))

// Company size buckets (accounts and leads), with "not known" first.
export const COMPANY_SIZE_OPTIONS = [{ value: '', label: '—' }, ...ACCOUNT_SIZES.map((s) => ({ value: s, label: `${s} people` }))]
