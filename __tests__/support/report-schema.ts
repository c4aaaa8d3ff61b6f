// The shipped report schema, compiled once per test file: every report a test produces must match it.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')
)
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema as object)

/** The schema's complaints about `report`: an empty list when it is valid. */
export function reportSchemaErrors(report: unknown): unknown[] {
  return validate(report) ? [] : (validate.errors ?? [])
}
