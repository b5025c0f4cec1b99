import { jsx } from '../jsx'
// The forms pages' own stylesheet, linked only from them (a body <link rel="stylesheet"> is valid
// HTML), so other pages do not download it.
export const FormsStyles = () => <link rel="stylesheet" href="/css/forms.css" />
