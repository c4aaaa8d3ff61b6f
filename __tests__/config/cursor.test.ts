// Numbers and true/false held by a ${VARIABLE}: the schema sees only the text written in YAML, so the
// loader judges what the variable became, its form and its range.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const file = yaml`
  version: 1
  variables: { CONCURRENCY: {}, ATTEMPTS: {}, FACTOR: {}, JITTER: {}, CRITICAL: {}, RETENTION: {} }
  defaults:
    concurrency: '\${CONCURRENCY:-8}'
    retry: { attempts: '\${ATTEMPTS:-5}', factor: '\${FACTOR:-2}', jitter: '\${JITTER:-0.2}' }
  report: { retention_days: '\${RETENTION:-0}' }
  services:
    api: { critical: '\${CRITICAL:-false}', tcp: { host: localhost, port: 6379 } }
`

const read = (env: Record<string, string>) => load({ 'env.yml': file }, { env })
const refused = (env: Record<string, string>) => problems({ 'env.yml': file }, { env })

describe('true or false from a variable', () => {
  it('reads the text true and the text false', async () => {
    expect((await read({ CRITICAL: 'true' })).services[0]?.critical).toBe(true)
    expect((await read({ CRITICAL: 'false' })).services[0]?.critical).toBe(false)
  })

  it('refuses any other text, quoting it', async () => {
    expect(await refused({ CRITICAL: 'yes' })).toStrictEqual([
      "env.yml:8:20: services.api.critical must be true or false, not 'yes'"
    ])
  })
})

describe('a whole number from a variable', () => {
  it('may have spaces around it', async () => {
    expect((await read({ CONCURRENCY: ' 12 ' })).defaults.concurrency).toBe(12)
    expect((await read({ RETENTION: '400' })).report.retentionDays).toBe(400)
  })

  it('is refused when anything but digits comes before or after them', async () => {
    expect(await refused({ CONCURRENCY: 'x12', ATTEMPTS: '12x' })).toStrictEqual([
      "env.yml:4:16: defaults.concurrency must be a whole number, not 'x12'",
      "env.yml:5:22: defaults.retry.attempts must be a whole number, not '12x'"
    ])
  })

  it('is refused with a fraction', async () => {
    expect(await refused({ CONCURRENCY: '1.5' })).toStrictEqual([
      "env.yml:4:16: defaults.concurrency must be a whole number, not '1.5'"
    ])
  })

  it('must be in range, from its least value on', async () => {
    expect((await read({ CONCURRENCY: '1', RETENTION: '0' })).defaults.concurrency).toBe(1)
    expect(await refused({ CONCURRENCY: '-3', RETENTION: '401' })).toStrictEqual([
      'env.yml:4:16: defaults.concurrency must be at least 1, not -3',
      'env.yml:6:27: report.retention_days must be from 0 to 400, not 401'
    ])
  })
})

describe('a number from a variable', () => {
  it('may be written with or without a fraction, a leading or trailing point, spaces around it', async () => {
    expect((await read({ FACTOR: '3', JITTER: '.25' })).defaults.retry).toMatchObject({
      factor: 3,
      jitter: 0.25
    })
    expect((await read({ FACTOR: '3.', JITTER: ' 1 ' })).defaults.retry).toMatchObject({
      factor: 3,
      jitter: 1
    })
    expect((await read({ FACTOR: '12.25', JITTER: '0' })).defaults.retry).toMatchObject({
      factor: 12.25,
      jitter: 0
    })
  })

  it('is refused when anything but a number is there', async () => {
    expect(await refused({ FACTOR: 'x2', JITTER: '0.5x' })).toStrictEqual([
      "env.yml:5:48: defaults.retry.factor must be a number, not 'x2'",
      "env.yml:5:72: defaults.retry.jitter must be a number, not '0.5x'"
    ])
    expect(await refused({ FACTOR: '.', JITTER: '1.2.3' })).toStrictEqual([
      "env.yml:5:48: defaults.retry.factor must be a number, not '.'",
      "env.yml:5:72: defaults.retry.jitter must be a number, not '1.2.3'"
    ])
  })

  it('must be in range, a negative number named as such', async () => {
    expect(await refused({ FACTOR: '-2', JITTER: '1.5' })).toStrictEqual([
      'env.yml:5:48: defaults.retry.factor must be at least 1, not -2',
      'env.yml:5:72: defaults.retry.jitter must be from 0 to 1, not 1.5'
    ])
  })
})
