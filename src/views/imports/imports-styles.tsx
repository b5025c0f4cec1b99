import { jsx } from '../jsx'
// The import pages' own stylesheet, linked only from them (a body <link rel="stylesheet"> is valid
// HTML), so other pages do not download it.
export const ImportsStyles = () => <link rel="stylesheet" href="/css/imports.css" />
