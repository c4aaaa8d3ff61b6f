// Specs the tests build by hand, with the defaults the config loader would give.
import type { HttpProbeSpec } from '../../src/config/model.js'

export function httpSpec(url: string, extra: Partial<HttpProbeSpec> = {}): HttpProbeSpec {
  return {
    kind: 'http',
    method: 'GET',
    url,
    headers: {},
    tls: { insecureSkipVerify: false },
    followRedirects: true,
    maxRedirects: 5,
    maxBodyBytes: 1_048_576,
    expect: { status: ['2xx'] },
    ...extra
  }
}
