import type { Context } from 'hono'

// Cloudflare sets CF-Connecting-IP on every request that reaches a Worker, and a client cannot
// override it there. Locally (wrangler dev, tests) it may be absent.
export const clientIp = (c: Context): string => c.req.header('CF-Connecting-IP') ?? 'unknown'
