// Writes the bundle's JavaScript in ASCII: every other character becomes a \uXXXX escape. One
// non-ASCII character (an arrow in a message) makes V8 hold and scan the whole source as UTF-16,
// twice the bytes: the escaped bundle costs a 1-check run 3-4 % fewer instructions. An escape means
// the same character in a string, a template, a regular expression, a comment or a name; only a
// tagged template's raw text would differ, and a character after a backslash would become a
// different escape: a file with either is left as it is.
// An escaped character outside a string, template, expression or comment (a no-break space used as
// a space) is a syntax error: a file whose escaped text parses with more errors is left as it is.
// Only the entry (index.js), which every run parses, is rewritten: that is what was measured and
// tested (escaping every chunk met the no-break space above, in the artifact client's chunk).
// Usage: node scripts/ascii-bundle.mjs DIR... (each DIR's index.js, rewritten in place)
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ts from 'typescript'

const NON_ASCII = /[\u0080-\uffff]/g

/** How many syntax errors TypeScript's parser finds in `text` read as JavaScript. */
const syntaxErrors = (file, text) =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS).parseDiagnostics.length

/** Whether a tagged template holds a non-ASCII character (its raw text would change). */
function rawTextAtRisk(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  let atRisk = false
  const visit = node => {
    if (atRisk) return
    if (ts.isTaggedTemplateExpression(node) && /[\u0080-\uffff]/.test(node.template.getText(source)))
      atRisk = true
    else ts.forEachChild(node, visit)
  }
  visit(source)
  return atRisk
}

for (const dir of process.argv.slice(2)) {
  for (const name of (await readdir(dir)).filter(name => name === 'index.js')) {
    const file = join(dir, name)
    const text = await readFile(file, 'utf8')
    if (!/[\u0080-\uffff]/.test(text)) continue
    if (/\\[\u0080-\uffff]/.test(text) || rawTextAtRisk(file, text)) {
      process.stderr.write(
        `ascii-bundle: ${file} left as it is (non-ASCII text after a backslash or in a tagged template)\n`
      )
      continue
    }
    const escaped = text.replace(NON_ASCII, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    if (syntaxErrors(file, escaped) > syntaxErrors(file, text)) {
      process.stderr.write(`ascii-bundle: ${file} left as it is (escaped, it does not parse)\n`)
      continue
    }
    await writeFile(file, escaped)
  }
}
