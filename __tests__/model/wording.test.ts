// The few words every message is built from: counts, percentages, durations, cut texts.
import { errorMessage } from '../../src/model/errors.js'
import { clip, count, formatMs, oneLine, percent } from '../../src/model/wording.js'
import { CUT_MARK } from '../../src/secrets/redact.js'

test('a count is singular for exactly one, plural otherwise', () => {
  expect([0, 1, 2].map(n => count(n, 'check'))).toEqual(['0 checks', '1 check', '2 checks'])
})

test('a text at the limit is kept whole; one over it is cut to the limit, the mark included', () => {
  expect(clip('abcde', 5)).toBe('abcde')
  expect(clip('abcdef', 5)).toBe(`abcd${CUT_MARK}`)
  expect(Array.from(clip('abcdef', 5))).toHaveLength(5)
})

test('a text is cut by characters, not UTF-16 units: an emoji is never split', () => {
  const emoji = '😀😀😀'
  // Six UTF-16 units but three characters: within a limit of three.
  expect(clip(emoji, 3)).toBe(emoji)
  expect(clip(`${emoji}😀`, 3)).toBe(`😀😀${CUT_MARK}`)
})

test('whitespace runs and newlines become one space, with none at the ends', () => {
  expect(oneLine('  a\n\n b\t c  ')).toBe('a b c')
})

test('a fraction is a percentage to one decimal', () => {
  expect([0, 0.125, 0.3333, 1].map(percent)).toEqual(['0%', '12.5%', '33.3%', '100%'])
})

test('durations read in ms under a second, in s under two minutes, then in min', () => {
  expect([403.66342199999985, 999, 1000, 1250, 119_940, 120_000, 150_000].map(formatMs)).toEqual([
    '404 ms',
    '999 ms',
    '1 s',
    '1.3 s',
    '119.9 s',
    '2 min',
    '2.5 min'
  ])
})

test("an error's message is its message when it has one, else the thrown value as text", () => {
  expect(errorMessage(new Error('disk full'))).toBe('disk full')
  expect(errorMessage({ message: 42 })).toBe('[object Object]')
  expect(errorMessage('plain words')).toBe('plain words')
  expect(errorMessage(undefined)).toBe('undefined')
  expect(errorMessage(null)).toBe('null')
})
