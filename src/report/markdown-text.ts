// Markdown building blocks for the job summary: text that reads as itself whatever a server or a
// file put in it, and sections that fit a byte budget.

/**
 * Text that reads as itself: no markdown emphasis, links, images or HTML from a server's answer.
 * Pipes only matter in tables, where `tableRow` escapes them.
 */
export function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]~]/g, '\\$&')
}

/** A code span whose fence is longer than any run of backticks inside it, on one line. */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

export function tableRow(cells: readonly string[]): string {
  // A pipe ends a cell even inside a code span; GitHub turns `\|` back into `|` there too.
  return `| ${cells.map(cell => cell.replaceAll('|', '\\|')).join(' | ')} |`
}

/** A number and its unit that a narrow table column cannot break apart. */
export function unbroken(text: string): string {
  return text.replaceAll(' ', '\u00a0')
}

export function byteSize(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + lineBytes(line), 0)
}

/** A line's bytes and its newline. */
function lineBytes(line: string): number {
  return Buffer.byteLength(line) + 1
}

/** A section that kept `kept` of its items; `lines` is empty when it has nothing to say. */
export interface Fitted {
  lines: string[]
  kept: number
}

/**
 * The intro, as many items as fit in `budget` bytes and the outro; when some do not fit, a note
 * (given how many were left out) follows the kept ones. The intro is dropped with its last item.
 */
export function fit(
  section: { intro: string[]; items: readonly string[]; outro?: string[]; note: (omitted: number) => string },
  budget: number
): Fitted {
  const { intro, items, outro = [], note } = section
  if (!items.length) return { lines: [], kept: 0 }
  // Each item is measured once: the size of the first `kept` items is then one subtraction away.
  const upTo = [0]
  for (const item of items) upTo.push((upTo.at(-1) ?? 0) + lineBytes(item))
  const framing = byteSize(intro) + byteSize(outro)
  if (framing + (upTo.at(-1) ?? 0) <= budget)
    return { lines: [...intro, ...items, ...outro], kept: items.length }
  // With `kept` items: the intro, those items and the outro (none of them when none is kept), then the note and a blank line.
  const size = (kept: number): number =>
    (kept ? framing + (upTo[kept] ?? 0) : 0) + lineBytes(note(items.length - kept)) + lineBytes('')
  // Sizes grow with each item kept: the largest count that fits is found by halving.
  let low = 0
  let high = items.length - 1
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (size(mid) <= budget) low = mid
    else high = mid - 1
  }
  if (size(low) > budget) return { lines: [], kept: 0 }
  const lines = [...(low ? [...intro, ...items.slice(0, low), ...outro] : []), note(items.length - low), '']
  return { lines, kept: low }
}

/** The last resort for a budget smaller than the verdict itself: cut at a character boundary. */
export function clipBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text)
  if (bytes.length <= maxBytes) return text
  let end = Math.max(0, maxBytes)
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--
  return bytes.subarray(0, end).toString()
}
