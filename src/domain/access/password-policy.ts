import * as z from 'zod'

// ASVS 5.0 / NIST SP 800-63B: length is the only rule. No composition rules (they push people to
// "Password1!"); the common-password check (src/db/queries/common-passwords.ts) does the rest.
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

// Code points, not UTF-16 units: an emoji is one character to the person typing it, and a
// password of eight emoji must not count as sixteen.
export const passwordLength = (password: string): number => [...password].length

// The form in which passwords are compared with the common-password list: NFKC (as hashing does),
// then lower case, so "Password123" and full-width "ｐａｓｓｗｏｒｄ１２３" match "password123". The
// generator folds the list with this same function, so both sides agree whatever the database.
export const foldForCommonCheck = (password: string): string => password.normalize('NFKC').toLowerCase()

export const Password = z
  .string({ error: 'Enter a password.' })
  .refine((s) => passwordLength(s) >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .refine((s) => passwordLength(s) <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
