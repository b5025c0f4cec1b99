// CORS for the public form endpoints (/f/:key). Only the form's allowed origins get CORS headers;
// any other origin gets none, so a browser there cannot read our answer. Credentials are never
// allowed: these endpoints use no cookies.
export function corsHeadersFor(origin: string | null | undefined, allowedOrigins: readonly string[]): Record<string, string> | null {
  if (!origin || !allowedOrigins.includes(origin)) return null
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Accept',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  }
}
