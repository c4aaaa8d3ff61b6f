// What normalization makes of the whole document: whether a recorded baseline is expected, and a
// service it cannot read.
import { cleanup, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const SERVICES = yaml`
  services:
    api: { http: { url: 'http://127.0.0.1:1/health' } }
`

describe('a recorded baseline', () => {
  it('is expected when the baseline section compares latency, schema or both', async () => {
    const expects = async (section: string) =>
      (await load({ 'env.yml': `version: 1\nbaseline: ${section}\n${SERVICES}` })).expectsRecordedBaseline
    expect(await expects('{ latency: { samples: 10 } }')).toBe(true)
    expect(await expects('{ schema: true }')).toBe(true)
    expect(await expects('{ latency: { samples: 10 }, schema: true }')).toBe(true)
  })

  it('is not expected when the baseline section compares neither', async () => {
    const config = await load({ 'env.yml': `version: 1\nbaseline: { ignore: [deploy] }\n${SERVICES}` })
    expect(config.expectsRecordedBaseline).toBe(false)
  })
})

describe('a service without a probe', () => {
  it('is reported, and the sections that look at every service go on without it', async () => {
    expect(
      await problems({
        'env.yml': yaml`
          version: 1
          baseline: { throughput: { rate: 10, duration: 10s } }
          services:
            api: { http: { url: 'http://127.0.0.1:1/health' } }
            worker: { critical: true }
        `
      })
    ).toStrictEqual([
      'env.yml:5:3: services.worker has no probe: give it exactly one of http, postgres, tcp, command, metrics, prometheus'
    ])
  })
})
