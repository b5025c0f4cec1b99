// What an API token may do. `read` and `write` reach the whole API; `<module>:read` and
// `<module>:write` one module. Write implies read. A token never exceeds its user's role: scopes
// only narrow what the role already allows.

// The API's resource groups, as the token form lists them.
export const SCOPE_MODULES = ['leads', 'contacts', 'accounts', 'opportunities', 'tasks', 'notes', 'activities', 'duplicates', 'search', 'views', 'exports', 'imports', 'forms', 'webhooks', 'settings', 'tokens'] as const
export type ScopeModule = (typeof SCOPE_MODULES)[number]

export const SCOPES = ['read', 'write', ...SCOPE_MODULES.flatMap((m) => [`${m}:read`, `${m}:write`] as const)] as const
export type Scope = (typeof SCOPES)[number]

// Tokens made before scopes existed, and tokens created without choosing, can do everything.
export const DEFAULT_SCOPES: Scope[] = ['read', 'write']

// Route groups (the first path segment after /api/v1) that fall under another module's scope.
// Any other segment is its own module when it names one.
const ALIASES = new Map<string, ScopeModule>([
  ['pipelines', 'opportunities'],
  ['merges', 'duplicates'],
  ['quarantine', 'forms'],
  ['emails', 'settings'],
  ['jobs', 'settings'],
  ['routing', 'settings'],
  ['routing-rules', 'settings'],
  ['scoring-rules', 'settings'],
])

const isModule = (s: string): s is ScopeModule => (SCOPE_MODULES as readonly string[]).includes(s)

// The module of an /api/v1 path; null for routes outside every module (only `read`/`write` reach
// them), so a route added under a new segment is closed to module-scoped tokens until listed.
export function moduleOf(path: string): ScopeModule | null {
  const segment = path.split('/')[3] ?? ''
  return ALIASES.get(segment) ?? (isModule(segment) ? segment : null)
}

// The scope a request needs and the token lacks, or null when its scopes allow the request.
// Who the token acts as (/me) is readable with any scope, so a client can always check itself.
export function missingScope(scopes: readonly string[], method: string, path: string): Scope | null {
  const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write'
  if (access === 'read' && path === '/api/v1/me') return null
  const module = moduleOf(path)
  const granting = access === 'read' ? ['read', 'write'] : ['write']
  if (granting.some((g) => scopes.includes(g) || (module !== null && scopes.includes(`${module}:${g}`)))) return null
  return module ? `${module}:${access}` : access
}
