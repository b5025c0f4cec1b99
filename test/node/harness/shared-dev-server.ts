import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    devServerUrl: string
  }
}

// The one `wrangler dev` every browser test file shares (started by browser-setup.ts): each file
// signs up its own workspace, so they need no server of their own, and starting one (a fresh
// database, migrations, wrangler) cost more than most of the files' tests.
export const sharedDevServer = () => ({ url: inject('devServerUrl') })
