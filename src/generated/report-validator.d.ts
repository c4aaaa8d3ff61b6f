// Types of the validator that scripts/compile-schema.mjs generates from schema/report.schema.json.
import type { ValidateFunction } from 'ajv'

declare const validate: ValidateFunction
export default validate
