import type { Child } from 'hono/jsx'
import { Fragment, jsxDEV } from 'hono/jsx/jsx-dev-runtime'

// The factory of the classic JSX transform (see tsconfig and src/jsx.d.ts): jsx(tag, props,
// ...children), handed to hono's runtime as its automatic form would. Imported from here rather
// than from 'hono/jsx', whose index drags in the client-side renderer and hooks.
export { Fragment }

export function jsx(tag: string | Function, props: Record<string, unknown> | null, ...children: Child[]) {
  const { key, ...rest } = props ?? {}
  if (children.length) rest.children = children.length === 1 ? children[0] : children
  return jsxDEV(tag, rest, key as string | undefined)
}
