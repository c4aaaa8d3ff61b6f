// Schema drift: the live database against the baseline's snapshot. Each difference is named and
// classified: what breaks code that worked against the baseline (a missing table, column,
// extension or constraint, a changed column type) fails; what only differs (a newer extension, an
// extra index or table, another migration) warns.
import type { CheckStatus } from '../model/check.js'
import type { SchemaDifference } from '../model/figures.js'
import { count } from '../model/wording.js'
import type { SchemaSnapshot } from '../model/observation.js'

export function compareSchemas(baseline: SchemaSnapshot, live: SchemaSnapshot): SchemaDifference[] {
  const differences: SchemaDifference[] = []
  const add = (
    kind: SchemaDifference['kind'],
    severity: SchemaDifference['severity'],
    subject: string,
    message: string
  ) => differences.push({ kind, severity, subject, message })

  for (const [name, version] of Object.entries(baseline.extensions)) {
    const now = live.extensions[name]
    if (now === undefined)
      add('missing-extension', 'failed', name, `extension ${name} ${version} is not installed`)
    else if (now !== version)
      add('extension-version', 'warning', name, `extension ${name} is ${now}, the baseline had ${version}`)
  }

  for (const [table, columns] of Object.entries(baseline.tables)) {
    const now = live.tables[table]
    if (!now) {
      add('missing-table', 'failed', table, `table ${table} does not exist`)
      continue
    }
    for (const [column, type] of Object.entries(columns)) {
      const subject = `${table}.${column}`
      if (now[column] === undefined)
        add('missing-column', 'failed', subject, `column ${subject} (${type}) does not exist`)
      else if (now[column] !== type)
        add('column-type', 'failed', subject, `column ${subject} is ${now[column]}, the baseline had ${type}`)
    }
    for (const column of Object.keys(now).filter(column => !(column in columns))) {
      add('extra-column', 'warning', `${table}.${column}`, `column ${table}.${column} is not in the baseline`)
    }
  }
  for (const table of Object.keys(live.tables).filter(table => !(table in baseline.tables))) {
    add('extra-table', 'warning', table, `table ${table} is not in the baseline`)
  }

  // An index of a missing table is already said by the table.
  const tableGone = (definition: string) =>
    Object.keys(baseline.tables).some(t => !live.tables[t] && definition.includes(` ON ${t} `))
  for (const [name, definition] of Object.entries(baseline.indexes)) {
    if (live.indexes[name] === undefined && !tableGone(definition)) {
      add('missing-index', 'warning', name, `index ${name} is missing: ${definition}`)
    }
  }
  for (const name of Object.keys(live.indexes).filter(name => !(name in baseline.indexes))) {
    add('extra-index', 'warning', name, `index ${name} is not in the baseline: ${live.indexes[name]}`)
  }

  for (const [name, definition] of Object.entries(baseline.constraints)) {
    const table = name.slice(0, name.lastIndexOf('.'))
    if (live.constraints[name] === undefined && live.tables[table]) {
      add('missing-constraint', 'failed', name, `constraint ${name} is missing: ${definition}`)
    }
  }
  for (const name of Object.keys(live.constraints).filter(name => !(name in baseline.constraints))) {
    add(
      'extra-constraint',
      'warning',
      name,
      `constraint ${name} is not in the baseline: ${live.constraints[name]}`
    )
  }

  if (baseline.migration !== live.migration) {
    add(
      'migration',
      'warning',
      'migration',
      `the latest migration is ${live.migration ?? 'none'}, the baseline had ${baseline.migration ?? 'none'}`
    )
  }
  return differences
}

/** A difference that breaks code fails the check, any other warns; none passes, saying what was compared. */
export function judgeSchemaDrift(
  differences: readonly SchemaDifference[],
  live: SchemaSnapshot
): { status: CheckStatus; message: string } {
  if (!differences.length) {
    const tables = count(Object.keys(live.tables).length, 'table')
    const extensions = count(Object.keys(live.extensions).length, 'extension')
    return { status: 'passed', message: `same schema as the baseline (${tables}, ${extensions})` }
  }
  return {
    status: differences.some(d => d.severity === 'failed') ? 'failed' : 'warning',
    message: differences.map(d => d.message).join('; ')
  }
}
