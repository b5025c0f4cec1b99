import { jsx } from '../jsx'
import { PublicPage } from './public-page'

// What a visitor's browser shows when a plain form post is refused outright (too large, too many,
// from a site the form does not allow): a page of ours, since there is no form to go back to.
export function SubmitErrorPage({ title, detail }: { title: string; detail: string }) {
  return (
    <PublicPage title={title}>
      <h1>{title}</h1>
      <p>{detail}</p>
    </PublicPage>
  )
}
