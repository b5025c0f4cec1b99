import { jsx } from '../jsx'
import type { MoneyTotal } from '../../domain/opportunities/rules'

// Amounts arrive as exact decimal strings; only display goes through a float, and a two-decimal
// value of numeric(14,2) prints back exactly.
export function formatMoney(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 2 }).format(Number(amount))
  } catch {
    return `${currency} ${amount}`
  }
}

export function Money({ amount, currency }: { amount: string | null; currency: string }) {
  return amount === null ? <span class="muted">—</span> : <span class="money">{formatMoney(amount, currency)}</span>
}

// Totals per currency ("$12,000.00 · €3,500.00"), raw or weighted.
export function MoneyTotals({ totals, kind }: { totals: MoneyTotal[]; kind: 'raw' | 'weighted' }) {
  if (!totals.length) return <span class="muted">—</span>
  return <span class="money">{totals.map((t) => formatMoney(t[kind], t.currency)).join(' · ')}</span>
}
