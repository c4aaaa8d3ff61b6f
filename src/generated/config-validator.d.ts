// Types of the validator that scripts/compile-schema.mjs generates from schema/config.schema.json.
import type { ValidateFunction } from 'ajv'

declare const validate: ValidateFunction
export default validate
