import type { Child, JSX as HonoJSX } from 'hono/jsx'

// Views are compiled with the classic JSX transform (jsx(tag, props, ...children), see tsconfig):
// it leaves out the `children:` key and array of every element, about 24 KB of the worker bundle.
// The classic transform looks JSX types up globally, so hono's are declared here.
declare global {
  namespace JSX {
    type Element = HonoJSX.Element
    type ElementType = HonoJSX.ElementType
    interface ElementChildrenAttribute {
      children: Child
    }
    interface IntrinsicElements extends HonoJSX.IntrinsicElements {
      [tagName: string]: Record<string, unknown>
    }
    interface IntrinsicAttributes extends HonoJSX.IntrinsicAttributes {}
  }
}
