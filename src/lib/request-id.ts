import { requestId } from 'hono/request-id'
import { newId } from './ids'

// Honour an upstream id only when it is short and plain, so a client cannot inject into logs.
export const requestIdMiddleware = requestId({
  headerName: 'X-Request-Id',
  generator: () => newId(),
  limitLength: 64,
})
