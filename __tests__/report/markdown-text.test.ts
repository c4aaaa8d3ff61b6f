// The summary's markdown building blocks: text that reads as itself, and sections cut to a byte budget.
import { byteSize, clipBytes, code, escape, fit, tableRow, unbroken } from '../../src/report/markdown-text.js'

describe('text from outside', () => {
  test('is escaped: no HTML, emphasis, code, links or strikethrough', () => {
    expect(escape('<b>a & b</b> *x* _y_ `z` [l](u) ~s~ \\')).toBe(
      '&lt;b&gt;a &amp; b&lt;/b&gt; \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\\\'
    )
  })

  test('in a code span is one line, fenced by more backticks than it holds', () => {
    expect(code('services.api')).toBe('`services.api`')
    expect(code('  a\n  b ')).toBe('`a b`')
    expect(code('x `y` ``z``')).toBe('``` x `y` ``z`` ```')
  })

  test('in a table cell cannot end the cell', () => {
    expect(tableRow(['a|b', 'c'])).toBe('| a\\|b | c |')
  })

  test('keeps a number with its unit', () => {
    expect(unbroken('1.5 s and 3 ms')).toBe('1.5\u00a0s\u00a0and\u00a03\u00a0ms')
  })

  test('is measured in bytes with its newline', () => {
    expect(byteSize([])).toBe(0)
    expect(byteSize(['ab', 'é', ''])).toBe(3 + 3 + 1)
  })
})

describe('a section under a byte budget', () => {
  const note = (omitted: number) => `${omitted} left out`
  const section = {
    intro: ['## Head', ''],
    items: ['item 1', 'item 2', 'item 3', 'item 4'],
    outro: [''],
    note
  }
  // intro 8 + 1 bytes, outro 1, each item 7.
  const whole = byteSize([...section.intro, ...section.items, ...section.outro])

  test('is whole when it fits, exactly or with room', () => {
    const lines = [...section.intro, ...section.items, ...section.outro]
    expect(fit(section, whole)).toEqual({ lines, kept: 4 })
    expect(fit(section, whole + 100)).toEqual({ lines, kept: 4 })
  })

  test('says nothing when it has no items, whatever its intro', () => {
    expect(fit({ ...section, items: [] }, 1000)).toEqual({ lines: [], kept: 0 })
  })

  test('keeps as many items as fit with the note, which says how many were left out', () => {
    const withTwo = byteSize(['## Head', '', 'item 1', 'item 2', '', '2 left out', ''])
    expect(fit(section, withTwo)).toEqual({
      lines: ['## Head', '', 'item 1', 'item 2', '', '2 left out', ''],
      kept: 2
    })
    expect(fit(section, withTwo - 1)).toEqual({
      lines: ['## Head', '', 'item 1', '', '3 left out', ''],
      kept: 1
    })
    expect(fit(section, whole - 1).kept).toBe(2)
  })

  test('is the note alone, without its intro, when no item fits', () => {
    expect(fit(section, byteSize(['4 left out', '']))).toEqual({ lines: ['4 left out', ''], kept: 0 })
    expect(fit({ ...section, outro: undefined }, byteSize(['4 left out', '']) + 5)).toEqual({
      lines: ['4 left out', ''],
      kept: 0
    })
  })

  test('is nothing at all when not even the note fits', () => {
    expect(fit(section, byteSize(['4 left out', '']) - 1)).toEqual({ lines: [], kept: 0 })
  })

  test('without an outro fits its items alone', () => {
    const { outro: _outro, ...bare } = section
    expect(fit(bare, byteSize([...bare.intro, ...bare.items]))).toEqual({
      lines: [...bare.intro, ...bare.items],
      kept: 4
    })
  })
})

describe('the last resort cut', () => {
  test('leaves text that fits as it is', () => {
    expect(clipBytes('héllo', 6)).toBe('héllo')
  })

  test('cuts at a byte budget without splitting a character', () => {
    expect(clipBytes('héllo', 5)).toBe('héll')
    expect(clipBytes('héllo', 2)).toBe('h')
    expect(clipBytes('héllo', 3)).toBe('hé')
    expect(clipBytes('🙂🙂', 7)).toBe('🙂')
  })

  test('is empty for a budget of nothing, or less', () => {
    expect(clipBytes('héllo', 0)).toBe('')
    expect(clipBytes('héllo', -3)).toBe('')
  })
})
