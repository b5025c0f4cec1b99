// busboy's multipart parser and content-type reader, imported by path so that the bundle leaves out
// its urlencoded parser (see upload.ts). The default export is module.exports, as esbuild gives it.
declare module 'busboy/lib/types/multipart.js' {
  import type { Busboy, BusboyConfig } from 'busboy'
  import type { ContentType } from 'busboy/lib/utils.js'
  const Multipart: {
    new (config: BusboyConfig & { conType: ContentType }): Busboy
    detect(conType: ContentType): boolean
  }
  export default Multipart
}

declare module 'busboy/lib/utils.js' {
  export type ContentType = { type: string; subtype: string; params: Record<string, string> }
  export function parseContentType(value: string): ContentType | undefined
}
