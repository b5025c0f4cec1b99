import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

// Debian's chromium, never a downloaded browser. The flags keep it off this machine's closed network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

// Locally a missing chromium skips the browser tests; under CI=true it is a failure.
export const chromiumMissing = !existsSync(CHROMIUM_PATH)
if (chromiumMissing && process.env.CI === 'true') {
  throw new Error(`chromium not found at ${CHROMIUM_PATH}; CI must install it (apt-get install chromium)`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}
