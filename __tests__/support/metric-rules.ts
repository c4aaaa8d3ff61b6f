// A metric rule's outcome as the tests read it: its check's id, status and line, and what it read.
import type { CheckOutcome } from '../../src/model/check.js'

export function ruleView({ identity, status, message, evidence }: CheckOutcome) {
  return {
    id: identity.id,
    category: identity.category,
    status,
    message,
    line: identity.source.line,
    reading: evidence?.kind === 'metric-rule' ? evidence.reading : undefined
  }
}
