import { describe, expect, it } from 'vitest'
import { foldForCommonCheck, Password, PASSWORD_MAX, PASSWORD_MIN, passwordLength } from '../../src/domain/access/password-policy'

const TOO_SHORT = 'Use at least 8 characters.'
const TOO_LONG = 'Use at most 128 characters.'

// One code point that is two UTF-16 units, and a two-code-point accent (e + combining acute).
const EMOJI = '😀'
const E_ACUTE_DECOMPOSED = 'e\u0301'

const messages = (input: unknown): string[] => {
  const result = Password.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('Password', () => {
  it('has the bounds ASVS asks for', () => {
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([8, 128])
  })

  it.each([
    ['empty', [TOO_SHORT], ''],
    ['7 ASCII characters', [TOO_SHORT], 'a'.repeat(7)],
    ['8 ASCII characters', [], 'a'.repeat(8)],
    ['128 ASCII characters', [], 'a'.repeat(128)],
    ['129 ASCII characters', [TOO_LONG], 'a'.repeat(129)],
    // Emoji: counting UTF-16 units would accept 4 (8 units) and reject 128 (256 units).
    ['4 emoji', [TOO_SHORT], EMOJI.repeat(4)],
    ['7 emoji', [TOO_SHORT], EMOJI.repeat(7)],
    ['8 emoji', [], EMOJI.repeat(8)],
    ['128 emoji', [], EMOJI.repeat(128)],
    ['129 emoji', [TOO_LONG], EMOJI.repeat(129)],
    ['127 ASCII + 1 emoji', [], `${'a'.repeat(127)}${EMOJI}`],
    ['6 ASCII + 1 emoji', [TOO_SHORT], `${'a'.repeat(6)}${EMOJI}`],
    ['8 spaces (no composition rules)', [], ' '.repeat(8)],
    ['lower-case letters only (no composition rules)', [], 'abcdefghij'],
  ])('%s → %j', (_, expected, input) => {
    expect(messages(input)).toEqual(expected)
  })

  it('asks for a password when given something that is not a string', () => {
    expect(messages(undefined)).toEqual(['Enter a password.'])
    expect(messages(12345678)).toEqual(['Enter a password.'])
  })

  it('returns the password unchanged: no trimming or normalising before hashing', () => {
    const input = `  ${E_ACUTE_DECOMPOSED}xample pass  `
    expect(Password.parse(input)).toBe(input)
  })
})

describe('passwordLength', () => {
  it.each([
    ['', 0],
    ['password', 8],
    [EMOJI, 1],
    [E_ACUTE_DECOMPOSED, 2],
    ['密码', 2],
  ])('%j has %i code points', (input, length) => {
    expect(passwordLength(input)).toBe(length)
  })
})

describe('foldForCommonCheck', () => {
  it.each([
    ['Password123', 'password123'],
    ['PASSWORD1', 'password1'],
    ['ｐａｓｓｗｏｒｄ１', 'password1'],
    ['iloveyou', 'iloveyou'],
  ])('%j → %j', (input, folded) => {
    expect(foldForCommonCheck(input)).toBe(folded)
  })
})
