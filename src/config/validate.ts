// The merged document, as written (before interpolation, as an editor sees it), against the shipped
// JSON Schema. ajv's errors become findings in plain words, at the key or value they concern; a
// schema node's `title` is the noun phrase its messages use ("must be a duration such as ...").
import type { ErrorObject } from 'ajv'
import validateSchema from '../generated/config-validator.js'
import { dottedExcerpt, excerpt, isMapping, pathOf, type Mapping, type Path } from './document.js'
import type { Finding } from './findings.js'
import { didYouMean } from './suggest.js'

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty'
}

export function validateDocument(document: Mapping): Finding[] {
  if (validateSchema(document)) return []
  return (validateSchema.errors ?? []).flatMap(error => toFinding(error, document) ?? [])
}

function toFinding(error: ErrorObject, document: Mapping): Finding | undefined {
  const path = pathOf(document, error.instancePath)
  const title: unknown = error.parentSchema?.title
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'propertyNames') return undefined // its inner error names the key
  if (error.propertyName !== undefined) {
    const name = excerpt(error.propertyName)
    return {
      path: [...path, name],
      anchor: 'key',
      message: `'${name}' ${place(path)} must be ${title ?? 'a valid name'}`
    }
  }
  if (error.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty)
    const known = Object.keys(error.parentSchema?.properties ?? {})
    const hint = didYouMean(key, known, `: valid keys are ${known.join(', ')}`)
    return {
      path: [...path, key],
      anchor: 'key',
      message: `unknown key '${excerpt(key)}' ${place(path)}${hint}`
    }
  }
  if (error.keyword === 'required') {
    const key = String(params.missingProperty)
    const where = path.length > 0 ? dottedExcerpt(path) : 'the file'
    const only: unknown = error.parentSchema?.properties?.[key]?.const
    const example = only === undefined ? '' : ` (${key}: ${JSON.stringify(only)})`
    return { path, anchor: 'key', message: `${where} is missing '${key}': add it${example}` }
  }
  const expected = typeof title === 'string' ? title : expectation(error, params)
  return {
    path,
    anchor: 'value',
    message: `${dottedExcerpt(path)} must be ${expected}, not ${describe(error.data)}`
  }
}

function place(path: Path): string {
  return path.length > 0 ? `in ${dottedExcerpt(path)}` : 'at the top level'
}

function expectation(error: ErrorObject, params: Record<string, unknown>): string {
  const limit = String(params.limit)
  switch (error.keyword) {
    case 'type':
      return oneOf(
        String(params.type)
          .split(',')
          .map(type => TYPE_WORDS[type] ?? type)
      )
    case 'const':
      return JSON.stringify(params.allowedValue)
    case 'enum':
      return oneOf((params.allowedValues as unknown[]).map(value => JSON.stringify(value)))
    case 'minLength':
      return `at least ${limit} character(s) long`
    case 'minItems':
      return `a list of at least ${limit} item(s)`
    case 'minProperties':
      return `a mapping of at least ${limit} key(s)`
    default:
      return `valid (${error.message ?? error.keyword})`
  }
}

function oneOf(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '')
}

function describe(value: unknown): string {
  if (value === null) return 'empty'
  if (Array.isArray(value)) return value.length > 0 ? 'a list' : 'an empty list'
  if (isMapping(value)) return Object.keys(value).length > 0 ? 'a mapping' : 'an empty mapping'
  return typeof value === 'string' ? `'${excerpt(value)}'` : String(value)
}
