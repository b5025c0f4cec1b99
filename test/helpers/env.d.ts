// Types `exports` from cloudflare:workers after our worker entry.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../functions/worker')
  }
}
