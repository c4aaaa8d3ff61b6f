// `${steps.<id>.<name>}`: a value an earlier smoke step captured. One pattern for every reader: the
// config loader (which checks the id and the name), interpolation (which leaves it for the run) and
// the smoke phase (which fills it in). It matches any id and name, so that a misspelt one is found
// and reported rather than left as text.
const STEP_REFERENCE = /\$\{steps\.([^.}]*)\.([^}]*)\}/g
const WHOLE_STEP_REFERENCE = new RegExp(`^${STEP_REFERENCE.source}$`)

export interface StepReference {
  id: string
  name: string
}

/** Every reference in `text`, in order. */
export function stepReferences(text: string): StepReference[] {
  return [...text.matchAll(STEP_REFERENCE)].map(([, id = '', name = '']) => ({ id, name }))
}

/** The reference `text` is, whole; undefined when it is anything else. */
export function asStepReference(text: string): StepReference | undefined {
  return WHOLE_STEP_REFERENCE.test(text) ? stepReferences(text)[0] : undefined
}

/** `text` with every reference replaced by what `lookup` gives for it. */
export function replaceStepReferences(text: string, lookup: (reference: StepReference) => string): string {
  return text.replace(STEP_REFERENCE, (_match, id: string, name: string) => lookup({ id, name }))
}
