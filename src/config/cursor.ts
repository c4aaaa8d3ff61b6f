// Reading the document for normalization. The schema has already judged the shape of every value
// as written, so reading a value of the wrong shape quietly yields undefined; what the schema
// cannot see (the text a ${VARIABLE} became, ranges, cross-field rules) is reported here.
import { dotted, excerpt, isMapping, type Path } from './document.js'
import type { SourceRef } from './model.js'
import type { Confinement } from './files.js'
import type { Finding } from './findings.js'
import type { Anchor } from './source-map.js'

export interface ReadContext {
  findings: Finding[]
  locate(path: Path, anchor: Anchor): SourceRef
  /** Where the files the document names (`ca_file`, `compare_config`) may be. */
  files: Confinement
}

export class Cursor {
  /** Built on first use from the parent's: most cursors are read and dropped without being named. */
  private builtPath?: Path

  private constructor(
    readonly value: unknown,
    private readonly context: ReadContext,
    private readonly parent?: Cursor,
    /** The key or index this cursor stands at in its parent. */
    private readonly key?: string | number
  ) {}

  /** A cursor at the root of `document`. */
  static root(document: unknown, context: ReadContext): Cursor {
    return new Cursor(document, context)
  }

  get exists(): boolean {
    return this.value !== undefined
  }

  /** The key or index this cursor stands at. */
  get name(): string {
    return String(this.key ?? '')
  }

  /** Where this cursor stands in the document. */
  get path(): Path {
    this.builtPath ??= this.parent && this.key !== undefined ? [...this.parent.path, this.key] : []
    return this.builtPath
  }

  /** How messages name this place: `services.api.timeout`. */
  get where(): string {
    return dotted(this.path)
  }

  get(key: string): Cursor {
    const value = isMapping(this.value) && Object.hasOwn(this.value, key) ? this.value[key] : undefined
    return new Cursor(value, this.context, this, key)
  }

  /** The entries of a mapping, in the order written. */
  entries(): Cursor[] {
    return isMapping(this.value) ? Object.keys(this.value).map(key => this.get(key)) : []
  }

  /** A mapping read entry by entry; entries `read` cannot use are left out. */
  mapping<T>(read: (entry: Cursor) => T | undefined, key = (name: string) => name): Record<string, T> {
    return Object.fromEntries(
      this.entries().flatMap(entry => {
        const value = read(entry)
        return value === undefined ? [] : [[key(entry.name), value]]
      })
    )
  }

  items(): Cursor[] {
    return Array.isArray(this.value)
      ? this.value.map((item, index) => new Cursor(item, this.context, this, index))
      : []
  }

  /** A single value or a list of them, as list items. */
  oneOrMany(): Cursor[] {
    return Array.isArray(this.value) ? this.items() : this.exists ? [this] : []
  }

  /** Where the files the document names may be. */
  get files(): Confinement {
    return this.context.files
  }

  source(anchor: Anchor = 'key'): SourceRef {
    return this.context.locate(this.path, anchor)
  }

  report(message: string, anchor: Anchor = 'value'): void {
    this.context.findings.push({ path: this.path, anchor, message })
  }

  text(): string | undefined {
    return typeof this.value === 'string' ? this.value : undefined
  }

  /** A scalar written as text: header values and environment variables may be numbers in YAML. */
  scalarText(): string | undefined {
    const { value } = this
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined
  }

  /** A whole number, also from the text of a ${VARIABLE}. */
  integer(min: number, max = Infinity): number | undefined {
    const number = this.numeric(/^-?\d+$/, 'must be a whole number')
    // A number written with a fraction: the schema has said so (text from a variable is judged above).
    return number === undefined || Number.isInteger(number) ? this.within(number, min, max) : undefined
  }

  number(min = -Infinity, max = Infinity): number | undefined {
    return this.within(this.numeric(/^-?(\d+\.?\d*|\.\d+)$/, 'must be a number'), min, max)
  }

  boolean(): boolean | undefined {
    const { value } = this
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    if (typeof value === 'string') this.report(`${this.where} must be true or false, not '${excerpt(value)}'`)
    return undefined
  }

  private numeric(form: RegExp, requirement: string): number | undefined {
    const { value } = this
    if (typeof value === 'number') return value
    if (typeof value !== 'string') return undefined
    if (form.test(value.trim())) return Number(value)
    this.report(`${this.where} ${requirement}, not '${excerpt(value)}'`)
    return undefined
  }

  private within(number: number | undefined, min: number, max: number): number | undefined {
    if (number === undefined || (number >= min && number <= max)) return number
    this.report(
      `${this.where} must be ${max === Infinity ? `at least ${min}` : `from ${min} to ${max}`}, not ${number}`
    )
    return undefined
  }
}
