import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { ApiDocsPage } from '../../views/api/api-docs-page'
import { OPENAPI_PATH } from './openapi-document'

export const apiDocsPages = new Hono<AppEnv>()

// Documentation, so public like the document itself: integrators read it before they have a token.
apiDocsPages.get('/api/docs', (c) => c.render(<ApiDocsPage documentUrl={OPENAPI_PATH} />, { title: 'API reference' }))
