// Links from the summary to a line of YAML at the commit validated, made only from parts that look
// right, each percent-encoded.
import { linked, sourceUrl, type SourceLinks } from '../../src/report/source-link.js'

const links: SourceLinks = {
  serverUrl: 'https://github.com',
  repository: 'acme/shop',
  sha: '3f1c2a9',
  fromRoot: file => `deploy/${file}`
}

describe('a link to a line of YAML', () => {
  test('is the blob of the file at the commit, at the line', () => {
    expect(sourceUrl(links, 'env.yml', 12)).toBe(
      'https://github.com/acme/shop/blob/3f1c2a9/deploy/env.yml#L12'
    )
    expect(sourceUrl({ ...links, serverUrl: 'http://ghe.local:8080/ignored' }, 'env.yml', 1)).toBe(
      'http://ghe.local:8080/acme/shop/blob/3f1c2a9/deploy/env.yml#L1'
    )
  })

  test('percent-encodes every segment, parentheses and quotes included', () => {
    expect(sourceUrl(links, "a (b)/it's!*[x] y.yml", 3)).toBe(
      'https://github.com/acme/shop/blob/3f1c2a9/deploy/a%20%28b%29/it%27s%21%2A%5Bx%5D%20y.yml#L3'
    )
  })

  test('is not made from a repository or commit that does not look like one', () => {
    for (const repository of ['acme', 'acme/shop/x', 'acme/sh op', '/shop', 'acme/'])
      expect(sourceUrl({ ...links, repository }, 'env.yml', 1)).toBeUndefined()
    for (const sha of ['3f1c2a', 'g3f1c2a9', '3f1c2a9 ', 'a'.repeat(65)])
      expect(sourceUrl({ ...links, sha }, 'env.yml', 1)).toBeUndefined()
    expect(sourceUrl({ ...links, sha: 'A'.repeat(64) }, 'env.yml', 1)).toContain(`/blob/${'A'.repeat(64)}/`)
  })

  test('needs a line that is a positive whole number', () => {
    for (const line of [undefined, 0, -1, 1.5, Number.NaN, 2 ** 60])
      expect(sourceUrl(links, 'env.yml', line)).toBeUndefined()
  })

  test('needs an http(s) server that parses', () => {
    for (const serverUrl of ['not a url', 'javascript:alert(1)', 'ftp://github.com'])
      expect(sourceUrl({ ...links, serverUrl }, 'env.yml', 1)).toBeUndefined()
  })

  test('is not made to a path that leaves the repository or has empty segments', () => {
    for (const fromRoot of [() => '../env.yml', () => 'a/./env.yml', () => 'a//env.yml', () => '/env.yml'])
      expect(sourceUrl({ ...links, fromRoot }, 'env.yml', 1)).toBeUndefined()
  })
})

test('linked text is a markdown link when there is a URL, and the text alone otherwise', () => {
  expect(linked('`env.yml:3`', 'https://x/y#L3')).toBe('[`env.yml:3`](https://x/y#L3)')
  expect(linked('`env.yml:3`', undefined)).toBe('`env.yml:3`')
  expect(linked('`env.yml:3`', '')).toBe('`env.yml:3`')
})
