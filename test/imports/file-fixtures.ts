import { testEnv } from '../helpers/app'

// Uploaded files as R2 holds them, for the tests of reading them back.

export async function stored(body: string | Uint8Array): Promise<string> {
  const key = `imports/test/${crypto.randomUUID()}.csv`
  await testEnv.FILES.put(key, body)
  return key
}

// Windows-1252 bytes of `text`: Latin-1 for most characters, plus the punctuation and € that
// Windows puts in 0x80–0x9F.
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 }
export const windows1252 = (text: string): Uint8Array =>
  Uint8Array.from(text, (c) => {
    const code = WINDOWS_1252[c] ?? c.charCodeAt(0)
    if (code > 0xff) throw new Error(`${c} has no Windows-1252 byte`)
    return code
  })

export const BOM = '\uFEFF'

// One CSV line, quoting what needs it, as a spreadsheet writes it.
export const csvLine = (fields: string[], delimiter = ','): string =>
  fields.map((f) => (/[",\r\n;\t|]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(delimiter) + '\r\n'
