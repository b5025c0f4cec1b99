import { Fragment, jsx } from '../jsx'
// A machine-readable <time> shown in UTC, as a day or to the minute; "Never" when absent.
export function DateTime({ value, precision = 'minute' }: { value: Date | null; precision?: 'day' | 'minute' }) {
  if (!value) return <>Never</>
  const iso = value.toISOString()
  return <time datetime={iso}>{precision === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>
}
