// One YAML file read into a plain document: what an empty file is, which problem is reported first,
// how aliases are bounded, and the rewrite a syntax problem suggests for the two common YAML traps.
import { parseLayer } from '../../src/config/parse.js'
import { formatProblem } from '../../src/config/problems.js'

const problemsOf = (text: string): string[] => parseLayer(text, 'env.yml').problems.map(formatProblem)

describe('a file without content', () => {
  it.each([
    ['empty', ''],
    ['of comments only', '# prod, see the runbook\n']
  ])('is an empty mapping when %s', (_, text) => {
    const { layer, problems } = parseLayer(text, 'env.yml')
    expect(problems).toStrictEqual([])
    expect(layer.document).toStrictEqual({})
  })
})

describe('the problem reported', () => {
  it('is the first in the file, a duplicate key before a syntax error', () => {
    expect(problemsOf('version: 1\nversion: 1\nservices: [\n')).toStrictEqual([
      "env.yml:2:1: invalid YAML: duplicate key 'version', first written at line 1: keep one of them"
    ])
  })
})

describe('a key that reads as null', () => {
  it("is named '' as the document holds it, so that a null key and a key 'null' are not the same", () => {
    const { layer, problems } = parseLayer(': 1\n"null": 2\n', 'env.yml')
    expect(problems).toStrictEqual([])
    expect(layer.document).toStrictEqual({ '': 1, null: 2 })
    expect(layer.sources.get('/')?.value).toStrictEqual({ line: 1, column: 3 })
  })

  it("is a duplicate of another null key, and said to be ''", () => {
    expect(problemsOf(': 1\n~: 2\n')).toStrictEqual([
      "env.yml:2:1: invalid YAML: duplicate key '', first written at line 1: keep one of them"
    ])
  })
})

describe('the hint of a syntax problem', () => {
  it('is left out on a line longer than a person writes, which its search could not end in time', () => {
    const value = `Bearer \${TOKEN} ${'x'.repeat(1000)}`
    const [written] = problemsOf(`auth: { authorization: ${value} }\n`)
    expect(written).toMatch(/^env\.yml:1:\d+: invalid YAML: [^.]+\.?$/)
    expect(written).not.toContain('must be quoted')
  })
})

describe('a file nested deeper than the stack can read', () => {
  const refused =
    'env.yml:1:1: the file nests deeper than the stack can read (Maximum call stack size exceeded), far deeper than an environment needs: it is refused here; remove what it does not need or split it into files that extend one another'

  it('is refused as a problem of the file, not a crash', () => {
    expect(problemsOf(`x: {${'a: '.repeat(40_000)}\n`)).toStrictEqual([refused])
  })

  it('is refused in the same words where the parser gets through and building the document does not', () => {
    // yaml's parser reads these; its composer runs out of stack and reports it as an error of its own.
    expect(problemsOf(`x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)).toStrictEqual([refused])
    const block = Array.from({ length: 20_000 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n')
    expect(problemsOf(`${block} 1\n`)).toStrictEqual([refused])
  })
})

describe('aliases', () => {
  it('may repeat what an anchor holds', () => {
    expect(parseLayer('a: &a [1, 2]\nb: [*a, *a]\n', 'env.yml').layer.document).toStrictEqual({
      a: [1, 2],
      b: [
        [1, 2],
        [1, 2]
      ]
    })
  })

  it('that expand into more than 100 copies are refused, as an attack on memory', () => {
    const tenFold = (name: string, of: string): string =>
      `${name}: &${name} [${Array(10).fill(`*${of}`).join(', ')}]\n`
    const { layer, problems } = parseLayer(`a: &a [1]\n${tenFold('b', 'a')}${tenFold('c', 'b')}`, 'env.yml')
    expect(problems.map(formatProblem)).toStrictEqual([
      'env.yml:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack'
    ])
    expect(layer.document).toStrictEqual({})
  })
})

describe('a ${VARIABLE} unquoted inside a { } map', () => {
  const hint = 'A value with ${VARIABLE} inside a { } map must be quoted: write'
  it.each([
    [
      'after another entry',
      'db: { user: app, url: ${DATABASE_URL} }',
      `1:24: invalid YAML: Unexpected flow-map-start at node end. ${hint} url: "\${DATABASE_URL}"`
    ],
    [
      'followed by more text',
      'api: { url: ${HOST}/health }',
      `1:14: invalid YAML: Unexpected flow-map-start at node end. ${hint} url: "\${HOST}/health"`
    ],
    [
      'written right after the colon',
      'api: { url:https://${HOST} }',
      `1:21: invalid YAML: Missing , or : between flow map items. ${hint} url: "https://\${HOST}"`
    ]
  ])('is quoted whole in the hint when %s', (_, line, problem) => {
    expect(problemsOf(`${line}\n`)).toStrictEqual([`env.yml:${problem}`])
  })
})

describe('a colon and a space inside an unquoted value', () => {
  const hint =
    "The value of run holds ': ', which YAML reads as a nested key: quote the whole value, write run: 'echo ERROR: x'"
  it.each([
    ['a list item', 'steps:\n  - run: echo ERROR: x\n', '2:10'],
    ['a list item with more spaces after its dash', 'steps:\n  -   run: echo ERROR: x\n', '2:12'],
    ['a value aligned with more spaces after its colon', 'run:   echo ERROR: x\n', '1:8'],
    ['a line followed by others', 'run: echo ERROR: x\nid: errors\n', '1:6'],
    ['the last line, without a line break', 'id: errors\nrun: echo ERROR: x', '2:6']
  ])('is quoted whole in the hint, in %s', (_, text, at) => {
    expect(problemsOf(text)).toStrictEqual([
      `env.yml:${at}: invalid YAML: Nested mappings are not allowed in compact mappings. ${hint}`
    ])
  })

  it('has no hint when the key holds a space, as the rewrite could not name it', () => {
    expect(problemsOf('smoke test: echo ERROR: x\n')).toStrictEqual([
      'env.yml:1:13: invalid YAML: Nested mappings are not allowed in compact mappings'
    ])
  })
})
