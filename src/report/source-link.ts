// Links from the summary to a line of YAML at the commit validated. Every part comes from outside
// (the repository and commit from the runner's variables, the path from the configuration), so a
// link is made only from parts that look right, and each is percent-encoded so that no bracket,
// parenthesis or space can end the markdown link early.

export interface SourceLinks {
  /** GITHUB_SERVER_URL: https://github.com, or a GitHub Enterprise host. */
  serverUrl: string
  /** `owner/name`. */
  repository: string
  sha: string
  /** Maps a report file (relative to the working directory) to a path from the repository root. */
  fromRoot: (file: string) => string
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const SHA = /^[0-9a-f]{7,64}$/i

/** The blob URL of `file` at `line`, or undefined when any part cannot be trusted to make one. */
export function sourceUrl(links: SourceLinks, file: string, line: number | undefined): string | undefined {
  const { repository, sha } = links
  if (!REPOSITORY.test(repository) || !SHA.test(sha)) return undefined
  if (line === undefined || !Number.isSafeInteger(line) || line < 1) return undefined
  let server: URL
  try {
    server = new URL(links.serverUrl)
  } catch {
    return undefined
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') return undefined
  const segments = links.fromRoot(file).split('/')
  // A path that leaves the repository has no page there.
  if (segments.some(segment => segment === '' || segment === '.' || segment === '..')) return undefined
  const path = [...repository.split('/'), 'blob', sha, ...segments].map(encodeSegment).join('/')
  return `${server.origin}/${path}#L${line}`
}

/** `[text](url)` when there is a URL; the text alone otherwise. `text` is markdown already. */
export function linked(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text
}

/** encodeURIComponent leaves `( ) ' ! *` alone; a parenthesis would end a markdown link. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[()'!*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}
