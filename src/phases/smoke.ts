// The smoke tests, in order, once the services are healthy. A step may capture values from its
// response for later steps (`${steps.<id>.<name>}` in data, the environment variable
// STEPS_<ID>_<NAME> in run:); after a failure the remaining steps are skipped, except `always` ones
// (cleanup).
import { replaceStepReferences, type StepReference } from '../model/step-reference.js'
import type { Capture, SmokeStep } from '../config/model.js'
import { capturedVariable, capturedVariablesIn } from '../config/steps.js'
import { readJsonPath } from '../judge/json-path.js'
import { stepPolicy } from '../judge/retry.js'
import { describeTarget } from '../probes/index.js'
import type { Observation } from '../model/observation.js'
import { isUnhealthy, type CheckIdentity, type CheckOutcome } from '../model/check.js'
import { erroredCheck, runCheck, skippedCheck } from './check.js'
import type { PhaseContext } from './context.js'
import { smokeIdentity } from './plan.js'

export async function runSmoke(steps: SmokeStep[], context: PhaseContext): Promise<void> {
  const captures = new Map<string, Record<string, string>>()
  let failed: CheckOutcome | undefined
  for (const step of steps) {
    const identity = smokeIdentity(step)
    if (failed && !step.always) {
      context.record(skippedCheck(identity, `smoke step ${failed.identity.name} failed`))
      continue
    }
    const result = await runStep(step, identity, captures, context)
    context.record(result)
    if (isUnhealthy(result.status)) failed ??= result
  }
}

/** The smoke tests' checks when they are not run at all (deploy or services failed). */
export function skipSmoke(steps: SmokeStep[], reason: string, context: PhaseContext): void {
  for (const step of steps) context.record(skippedCheck(smokeIdentity(step), reason))
}

async function runStep(
  step: SmokeStep,
  identity: CheckIdentity,
  captures: Map<string, Record<string, string>>,
  context: PhaseContext
): Promise<CheckOutcome> {
  const unresolved: string[] = []
  const check = fillCaptures(step.check, ({ id, name }) => {
    const value = captures.get(id)?.[name]
    if (value === undefined) unresolved.push(`\${steps.${id}.${name}}`)
    return value ?? ''
  })
  const exports = { ...context.exports, ...capturedExports(captures) }
  for (const { variable, required } of check.kind === 'command' ? capturedVariablesIn(check.run) : []) {
    if (required && exports[variable] === undefined) unresolved.push(`\${${variable}}`)
  }
  if (unresolved.length) {
    return erroredCheck(
      identity,
      `could not resolve ${unresolved.join(', ')}: the step that captures it did not pass`
    )
  }
  const { outcome: result, observation } = await runCheck(
    { ...identity, target: describeTarget(check) },
    check,
    stepPolicy(step.timeoutMs, step.retries, step.retryDelayMs),
    { ...context, exports }
  )
  if (check.kind !== 'http' || (result.status !== 'passed' && result.status !== 'flaky')) return result

  const { values, missing } = capture(check.capture, observation)
  context.addSecrets(
    Object.entries(values).flatMap(([name, value]) => (check.capture[name]?.secret ? [value] : []))
  )
  captures.set(step.id, values)
  if (missing.length) {
    return { ...result, status: 'failed', message: `nothing to capture at ${missing.join(', ')}` }
  }
  return result.evidence?.kind === 'probe'
    ? { ...result, evidence: { ...result.evidence, captured: Object.keys(values) } }
    : result
}

/** Every value captured so far, as the environment variables commands get them in. */
function capturedExports(captures: Map<string, Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    [...captures].flatMap(([id, values]) =>
      Object.entries(values).map(([name, value]) => [capturedVariable(id, name), value])
    )
  )
}

function capture(wanted: Record<string, Capture>, observation: Observation | undefined) {
  const values: Record<string, string> = {}
  const missing: string[] = []
  if (observation?.kind !== 'http') return { values, missing: Object.values(wanted).map(({ from }) => from) }
  for (const [name, { from: where }] of Object.entries(wanted)) {
    const value = where.startsWith('header:')
      ? observation.headers?.[where.slice('header:'.length)]
      : readJsonPath(observation.json, where)
    if (value === undefined || value === null) missing.push(`${where} (${name})`)
    else values[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return { values, missing }
}

/** The check with captured values in its data; a script's text stays as written (it reads its environment). */
function fillCaptures(
  check: SmokeStep['check'],
  lookup: (reference: StepReference) => string
): SmokeStep['check'] {
  if (check.kind === 'http') return resolveReferences(check, lookup)
  const { run, ...data } = check
  return { ...resolveReferences(data, lookup), run }
}

/** A deep copy of `value` with every `${steps.<id>.<name>}` in its strings replaced. */
function resolveReferences<T>(value: T, lookup: (reference: StepReference) => string): T {
  if (typeof value === 'string') return replaceStepReferences(value, lookup) as T
  if (Array.isArray(value)) return value.map(item => resolveReferences(item, lookup)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveReferences(item, lookup)])
    ) as T
  }
  return value
}
