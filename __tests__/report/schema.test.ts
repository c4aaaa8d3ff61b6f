import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import type { CheckResult } from '../../src/model/check.js'
import type { Report, ServiceReport } from '../../src/model/report.js'
import { check, fixtureReport } from './fixture.js'

interface ObjectSchema {
  required: string[]
  properties: Record<string, unknown>
  definitions: Record<string, ObjectSchema>
}

const schema = JSON.parse(
  readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')
) as ObjectSchema

describe('the report schema', () => {
  let validate: ValidateFunction

  beforeAll(() => {
    validate = new Ajv({ strict: true, allErrors: true }).compile(schema)
  })

  it('compiles in strict mode', () => {
    expect(typeof validate).toBe('function')
  })

  it('accepts a realistic report', () => {
    const report = fixtureReport()
    expect(validate(report) ? [] : validate.errors).toEqual([])
  })

  it('accepts a report of a run that could not run', () => {
    const report = fixtureReport({
      status: 'error',
      checks: [],
      services: {},
      git: { sha: null, ref: null, repository: null, run_id: null, run_url: null, pull_request: null },
      errors: [{ message: 'unknown key', file: 'env.yml', line: 2, column: 1 }, { message: 'interrupted' }]
    })
    expect(validate(report) ? [] : validate.errors).toEqual([])
  })

  it('rejects a report missing a top-level field', () => {
    const report: Partial<Report> = fixtureReport()
    delete report.errors
    expect(validate(report)).toBe(false)
  })

  it('rejects unknown fields, at the top and on checks', () => {
    expect(validate({ ...fixtureReport(), extra: 1 })).toBe(false)
    const checks = [{ ...check({ id: 'services.api' }), surprise: true }]
    expect(validate({ ...fixtureReport(), checks })).toBe(false)
  })

  it('rejects a malformed deployment id', () => {
    expect(validate(fixtureReport({ deployment_id: 'deploy-2026' }))).toBe(false)
  })

  // The fixtures below are complete and minimal by type, so a field added to the model but not to
  // the schema (or the reverse) fails here.
  it('names exactly the fields of the Report type, with the optional ones (merge mode, container metrics) optional', () => {
    const minimal = fixtureReport()
    const report: Required<Report> = { ...minimal, environments: [], container_metrics: {} }
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(report).sort())
    expect([...schema.required].sort()).toEqual(Object.keys(minimal).sort())
  })

  it('names exactly the fields of the CheckResult type, with the optional ones optional', () => {
    const minimal = check({ id: 'services.api' })
    const complete: Required<CheckResult> = {
      ...minimal,
      target: 'https://x',
      response_time_ms: 1,
      details: {}
    }
    const checkSchema = schema.definitions.check
    expect(Object.keys(checkSchema?.properties ?? {}).sort()).toEqual(Object.keys(complete).sort())
    expect([...(checkSchema?.required ?? [])].sort()).toEqual(Object.keys(minimal).sort())
  })

  it('names exactly the fields of the ServiceReport type, all required', () => {
    const { api } = fixtureReport().services
    if (!api) throw new Error('the fixture has no api service')
    const service: Required<ServiceReport> = api
    const serviceSchema = schema.definitions.service
    expect(Object.keys(serviceSchema?.properties ?? {}).sort()).toEqual(Object.keys(service).sort())
    expect([...(serviceSchema?.required ?? [])].sort()).toEqual(Object.keys(service).sort())
  })
})
