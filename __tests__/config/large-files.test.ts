// However large or repetitive an environment file is, loading it ends quickly with a verdict on
// it: parsing and checking take time in proportion to the file, and a file far larger than any
// environment needs is refused at the line where it goes past the limit.
import { MAX_NODES, MAX_TEXT_CHARS } from '../../src/config/parse.js'
import { cleanup, load, problems } from './helpers.js'

afterAll(cleanup)

const HEAD = 'version: 1\nenvironment: staging\n'

/** `count` lines of `line(i)`, under `HEAD`. */
const lines = (count: number, line: (i: number) => string): string =>
  HEAD + Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n'

describe('a file of many keys', () => {
  it('of 1 MB is refused at the line where it passes the limit, within seconds', async () => {
    const file = lines(90_000, i => `key${i}: value`)
    expect(file.length).toBeGreaterThan(1_000_000)
    const started = Date.now()
    const found = await problems({ 'env.yml': file })
    expect(Date.now() - started).toBeLessThan(5_000)
    // Two nodes a line (key and value), after the two nodes of each of the head's two lines.
    const line = 2 + Math.floor((MAX_NODES - 4) / 2) + 1
    expect(found).toStrictEqual([
      `env.yml:${line}:1: the file has more than ${MAX_NODES} keys, values and list items, far more than an environment needs: it is refused here; remove what it does not need or split it into files that extend one another`
    ])
  })
})

describe('a file of long values', () => {
  it.each([
    ['plain', (text: string) => text],
    ['double-quoted', (text: string) => `"${text}"`],
    ['single-quoted', (text: string) => `'${text}'`],
    ['block', (text: string) => `|\n      ${text}`]
  ])('is refused at the %s value where its text passes the limit, within seconds', async (_, written) => {
    const half = 'a'.repeat(MAX_TEXT_CHARS / 2)
    const file = `${HEAD}services:\n  a:\n    command:\n      run: ${written(half)}\n  b:\n    command:\n      run: ${written(half)}\n`
    const started = Date.now()
    const found = await problems({ 'env.yml': file })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(
      new RegExp(
        `^env\\.yml:(9|11):\\d+: the file has more than ${MAX_TEXT_CHARS} characters of keys and values, far more than an environment needs`
      )
    )
  })

  it('of 10 MB in one value ends with that verdict within seconds', async () => {
    const started = Date.now()
    const found = await problems({ 'env.yml': `${HEAD}x: ${'a'.repeat(10_000_000)}\n` })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toStrictEqual([
      `env.yml:3:4: the file has more than ${MAX_TEXT_CHARS} characters of keys and values, far more than an environment needs: it is refused here; remove what it does not need or split it into files that extend one another`
    ])
  })
})

describe('a file just under the limit', () => {
  const services = (count: number) =>
    HEAD +
    'services:\n' +
    Array.from({ length: count }, (_, i) => `  s${i}: { tcp: { host: h, port: 1 } }`).join('\n') +
    '\n'

  it('of many services loads within seconds', async () => {
    const started = Date.now()
    const config = await load({ 'env.yml': services(6_000) })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(config.services).toHaveLength(6_000)
  })

  it('names the duplicate key of a mapping of thousands at its line, within seconds', async () => {
    const file = services(6_000) + '  s17: { tcp: { host: h, port: 2 } }\n'
    const started = Date.now()
    expect(await problems({ 'env.yml': file })).toStrictEqual([
      `env.yml:6004:3: invalid YAML: duplicate key 's17', first written at line 21: keep one of them`
    ])
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('of thousands of unknown keys lists them all within seconds', async () => {
    const started = Date.now()
    const found = await problems({ 'env.yml': lines(20_000, i => `key${i}: value`) })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(20_000)
    expect(found[0]).toMatch(/^env\.yml:3:1: unknown key 'key0' at the top level/)
  })
})

describe('a deeply nested file', () => {
  it.each([
    ['flow lists', `x: ${'['.repeat(40_000)}`],
    ['block lists', `x: ${'- '.repeat(40_000)}a\n`]
  ])('of %s ends with a verdict within seconds', async (_, nested) => {
    const started = Date.now()
    const outcome = await load({ 'env.yml': HEAD + nested }).then(
      () => 'loaded',
      (error: unknown) => String(error)
    )
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(outcome).toMatch(/^ConfigError: env\.yml:\d+:\d+: /)
  })
})

describe('thousands of names that do not exist, among thousands that do', () => {
  it('are each reported within seconds, the first ones with the nearest name', async () => {
    const count = 8_000
    const declared = Array.from({ length: count }, (_, i) => `  VAR_${i}: {}`).join('\n')
    const used = Array.from({ length: count }, (_, i) => `        E${i}: "\${VAR_${i}X}"`).join('\n')
    const file = `${HEAD}variables:\n${declared}\nservices:\n  a:\n    command:\n      run: "true"\n      env:\n${used}\n`
    const started = Date.now()
    const found = await problems({ 'env.yml': file })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(count)
    expect(found[0]).toContain("uses ${VAR_0X}, which is not declared: did you mean 'VAR_0'?")
    expect(found.at(-1)).toContain(
      `uses \${VAR_${count - 1}X}, which is not declared: declare it under variables:`
    )
  })

  it('in depends_on are each reported within seconds', async () => {
    const count = 5_000
    const services = Array.from(
      { length: count },
      (_, i) => `  service_${i}:\n    depends_on: [servise_${i}]\n    command: { run: "true" }`
    ).join('\n')
    const started = Date.now()
    const found = await problems({ 'env.yml': `${HEAD}services:\n${services}\n` })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(count)
    expect(found[0]).toContain("depends on 'servise_0', which is not a service: did you mean 'service_0'?")
  })
})

describe('thousands of problems in a file of thousands of secrets', () => {
  it('are reported within seconds, with no secret in them', async () => {
    const count = 8_000
    const urls = Array.from({ length: count }, (_, i) => `        E${i}: "http://u:pass-${i}@h"`).join('\n')
    const unknown = Array.from({ length: count }, (_, i) => `bad${i}: pass-${i}`).join('\n')
    const file = `${HEAD}services:\n  a:\n    command:\n      run: "true"\n      env:\n${urls}\n${unknown}\n`
    const started = Date.now()
    const found = await problems({ 'env.yml': file })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(count)
    expect(found.join('\n')).not.toMatch(/pass-\d/)
  })
})
