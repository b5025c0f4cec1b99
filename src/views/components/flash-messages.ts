// Messages shown after a redirect, chosen by a key in the query string. Only these fixed texts
// can appear, so a crafted link cannot put words on our page.
const MESSAGES = {
  'signed-out': 'You have signed out.',
  'password-reset': 'Your password has been changed. Sign in with the new one.',
  'reset-sent': 'If an account exists for that email, a reset link is on its way. It works for one hour.',
  'session-ended': 'Your session has ended. Sign in again.',
  // A create that found its person already there (lead capture's dedupe).
  'lead-exists-email': 'A lead with this email already exists — we added the new details to it.',
  'lead-exists-phone': 'A lead with this phone number already exists — we added the new details to it.',
  'contact-exists-email': 'A contact with this email already exists — we added the new details to it.',
  'contact-exists-phone': 'A contact with this phone number already exists — we added the new details to it.',
} as const

export function flashMessage(key: string | undefined): string | undefined {
  return key && key in MESSAGES ? MESSAGES[key as keyof typeof MESSAGES] : undefined
}
