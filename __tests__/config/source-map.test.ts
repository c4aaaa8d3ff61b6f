// Where a problem points: the place itself, else its nearest ancestor that was written somewhere.
import { locate, type SourceMap } from '../../src/config/source-map.js'

describe('locate', () => {
  const sources: SourceMap = new Map([
    ['', { file: 'env.yml', value: { line: 1, column: 1 } }],
    ['/services', { file: 'env.yml', key: { line: 2, column: 1 }, value: { line: 3, column: 3 } }]
  ])

  it("points at a key's line for a problem about the key, at its value otherwise", () => {
    expect(locate(sources, ['services'], 'key', 'env.yml')).toStrictEqual({
      file: 'env.yml',
      line: 2,
      column: 1
    })
    expect(locate(sources, ['services'], 'value', 'env.yml')).toStrictEqual({
      file: 'env.yml',
      line: 3,
      column: 3
    })
  })

  it('points a missing place at the key of its nearest written ancestor', () => {
    expect(locate(sources, ['services', 'api', 'http'], 'value', 'env.yml')).toStrictEqual({
      file: 'env.yml',
      line: 2,
      column: 1
    })
  })

  it('falls back to line 1 of the given file when nothing on the way was written', () => {
    expect(locate(new Map(), ['services', 'api'], 'value', 'base.yml')).toStrictEqual({
      file: 'base.yml',
      line: 1,
      column: 1
    })
  })
})
