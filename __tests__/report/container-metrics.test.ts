// The report's container_metrics section, from the metric rules' checks.
import { checkIdentity, type CheckOutcome } from '../../src/model/check.js'
import type { MetricReading } from '../../src/model/figures.js'
import { containerMetrics } from '../../src/report/container-metrics.js'

const reading: MetricReading = {
  expression: 'container_memory_usage_bytes',
  bounds: { warn: '512 MiB', fail: '1 GiB' },
  series_count: 1,
  series: [{ series: 'api', value: 630194176, shown: '601 MiB', reached: 'warn' }],
  warnings: []
}

function ruleCheck(service: string, rule: string, line: number): CheckOutcome {
  return {
    identity: checkIdentity('metrics', `${service}.${rule}`, {
      name: `${service} ${rule}`,
      critical: false,
      source: { file: 'env.yml', line, column: 7 },
      target: 'http://prometheus:9090'
    }),
    status: 'warning',
    message: 'memory 601 MiB is above 512 MiB',
    durationMs: 10,
    attempts: 1,
    evidence: { kind: 'metric-rule', service, rule, reading }
  }
}

test('groups each rule under its service, with its status, message, line and reading', () => {
  const other: CheckOutcome = { ...ruleCheck('api', 'x', 1), evidence: undefined }
  expect(
    containerMetrics([
      ruleCheck('api', 'memory', 20),
      other,
      ruleCheck('api', 'cpu', 21),
      ruleCheck('db', 'memory', 30)
    ])
  ).toEqual({
    container_metrics: {
      api: {
        memory: {
          status: 'warning',
          message: 'memory 601 MiB is above 512 MiB',
          file: 'env.yml',
          line: 20,
          ...reading
        },
        cpu: {
          status: 'warning',
          message: 'memory 601 MiB is above 512 MiB',
          file: 'env.yml',
          line: 21,
          ...reading
        }
      },
      db: {
        memory: {
          status: 'warning',
          message: 'memory 601 MiB is above 512 MiB',
          file: 'env.yml',
          line: 30,
          ...reading
        }
      }
    }
  })
})

test('is left out of a report without metric rules', () => {
  expect(containerMetrics([])).toEqual({})
  expect(containerMetrics([{ ...ruleCheck('api', 'memory', 20), evidence: undefined }])).toEqual({})
})
