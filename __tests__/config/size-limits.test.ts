// How a file is measured against its size limits, token by token before the document is composed:
// exactly at a limit a file is read, one node or character past it the file is refused at the token
// that passes it. Small limits here; large-files.test.ts loads files of the real sizes against the clock.
import { MAX_NODES, MAX_TEXT_CHARS, parseLayer, type Limits } from '../../src/config/parse.js'
import { formatProblem } from '../../src/config/problems.js'

const SMALL: Limits = { nodes: 10, chars: 20 }
const problemsOf = (text: string, limits = SMALL): string[] =>
  parseLayer(text, 'env.yml', limits).problems.map(formatProblem)

const REFUSED =
  'far more than an environment needs: it is refused here; remove what it does not need or split it into files that extend one another'
const TOO_MANY_NODES = `the file has more than 10 keys, values and list items, ${REFUSED}`
const TOO_MUCH_TEXT = `the file has more than 20 characters of keys and values, ${REFUSED}`

test('by default a file holds at most 50,000 nodes and 1 MiB of keys and values', () => {
  expect([MAX_NODES, MAX_TEXT_CHARS]).toStrictEqual([50_000, 1_048_576])
  const { problems } = parseLayer(`x: ${'a'.repeat(MAX_TEXT_CHARS)}\n`, 'env.yml')
  expect(problems.map(formatProblem)).toStrictEqual([
    `env.yml:1:4: the file has more than 1048576 characters of keys and values, ${REFUSED}`
  ])
})

describe('the number of nodes', () => {
  // The key x, the list and its 8 items are the 10 nodes the limit allows.
  const TEN = 'x: [1,2,3,4,5,6,7,8]\n'

  it('may reach the limit', () => {
    const { layer, problems } = parseLayer(TEN, 'env.yml', SMALL)
    expect(problems).toStrictEqual([])
    expect(layer.document).toStrictEqual({ x: [1, 2, 3, 4, 5, 6, 7, 8] })
  })

  it('one past the limit is refused at the node that passes it, with an empty document', () => {
    const { layer, problems } = parseLayer(`${TEN}y: 1\n`, 'env.yml', SMALL)
    expect(problems.map(formatProblem)).toStrictEqual([`env.yml:2:1: ${TOO_MANY_NODES}`])
    expect(layer.document).toStrictEqual({})
  })

  it.each([
    ['a plain value', 'y: a', '2:4'],
    ['a single-quoted value', "y: 'a'", '2:4'],
    ['a double-quoted value', 'y: "a"', '2:4'],
    ['a block value', 'y: |\n  a', '2:4'],
    ['a { } mapping', 'y: {}', '2:4'],
    ['a [ ] list', 'y: []', '2:4'],
    ['an alias', 'y: *a', '2:4'],
    ['a list item', 'y:\n- ', '3:1']
  ])('counts %s', (_, written, at) => {
    // The key x, the list and its 7 items, the key y: the 10 nodes the limit allows.
    const nine = 'x: &a [1,2,3,4,5,6,7]\n'
    expect(problemsOf(`${nine}y:\n`)).toStrictEqual([])
    expect(problemsOf(`${nine}${written}\n`)).toStrictEqual([`env.yml:${at}: ${TOO_MANY_NODES}`])
  })
})

describe('the characters of keys and values', () => {
  it('may reach the limit', () => {
    expect(problemsOf(`x: ${'a'.repeat(19)}\n`)).toStrictEqual([])
  })

  it('one past the limit is refused at the value that passes it', () => {
    expect(problemsOf(`x: ${'a'.repeat(20)}\n`)).toStrictEqual([`env.yml:1:4: ${TOO_MUCH_TEXT}`])
    expect(problemsOf(`xyz: 1\nx: ${'a'.repeat(16)}\n`)).toStrictEqual([`env.yml:2:4: ${TOO_MUCH_TEXT}`])
  })

  it.each([
    // The key x and the two quotes are three characters.
    ['single-quoted value, quotes included', (text: string) => `'${text}'`, 17, '1:4'],
    ['double-quoted value, quotes included', (text: string) => `"${text}"`, 17, '1:4'],
    // The key x, and the indentation and line break of the block's line.
    ['block value, its indentation included', (text: string) => `|\n  ${text}`, 16, '2:1']
  ])('count in a %s', (_, written, most, at) => {
    expect(problemsOf(`x: ${written('a'.repeat(most))}\n`)).toStrictEqual([])
    expect(problemsOf(`x: ${written('a'.repeat(most + 1))}\n`)).toStrictEqual([
      `env.yml:${at}: ${TOO_MUCH_TEXT}`
    ])
  })

  it('do not count the syntax between them', () => {
    // Indentation, colons, line breaks and comments are not text of keys and values.
    expect(problemsOf(`x:${' '.repeat(30)}y # ${'c'.repeat(30)}\n`)).toStrictEqual([])
  })

  it.each([
    ['a comment before the first key', `# ${'c'.repeat(30)}\n`],
    ['the --- that starts the document', '---\n']
  ])('do not count %s', (_, before) => {
    // The key x and its value are the 20 characters the limit allows.
    expect(problemsOf(`${before}x: ${'a'.repeat(19)}\n`)).toStrictEqual([])
  })

  it('one past the limit is located in the text after an unclosed [ list, whose end the lexer marks', () => {
    expect(problemsOf(`x: [1\ny: ${'a'.repeat(20)}\n`)).toStrictEqual([`env.yml:2:4: ${TOO_MUCH_TEXT}`])
  })
})
