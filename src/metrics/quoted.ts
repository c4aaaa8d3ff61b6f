// A double-quoted label value with the exposition format's escapes: \\, \" and \n.

/** The value of the quoted text at the start of `text`, and what follows it. */
export function readQuoted(text: string): { value: string; rest: string } | { problem: string } {
  if (!text.startsWith('"')) return { problem: 'expected a value in double quotes' }
  let value = ''
  for (let index = 1; index < text.length; index++) {
    const char = text[index]
    if (char === '"') return { value, rest: text.slice(index + 1) }
    if (char === '\\') {
      const next = text[++index]
      if (next === 'n') value += '\n'
      else if (next === '\\' || next === '"') value += next
      else return { problem: `unknown escape \\${next ?? ''} (only \\\\, \\" and \\n are allowed)` }
    } else value += char
  }
  return { problem: 'the quoted value has no closing "' }
}
