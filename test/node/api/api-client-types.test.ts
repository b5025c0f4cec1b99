import { describe, expect, it } from 'vitest'
import { API_CLIENT_TYPES, apiClientTypes, committedApiClientTypes } from '../../../tools/dev/api-client-types.ts'

// The first line where two texts part, to point at what changed without printing 400 KB.
function firstDifference(committed: string, generated: string): string | null {
  if (committed === generated) return null
  const [a, b] = [committed.split('\n'), generated.split('\n')]
  const at = a.findIndex((line, i) => line !== b[i])
  const line = at === -1 ? a.length : at
  return `line ${line + 1}: committed ${JSON.stringify(a[line] ?? '(end of file)')}, document gives ${JSON.stringify(b[line] ?? '(end of file)')}`
}

describe('the generated API client types', () => {
  it('are what the current OpenAPI document generates', async () => {
    const drift = firstDifference(committedApiClientTypes(), await apiClientTypes())
    expect(drift, `${API_CLIENT_TYPES} is out of date with the /api/v1 routes: run \`npm run api:client\` and commit it`).toBeNull()
  })
})
