export { heartbeats } from './heartbeats'
export { tenants } from './tenants'
