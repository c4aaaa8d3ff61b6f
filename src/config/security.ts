// The `security:` section: the level, the overrides of single rules by name, what is examined
// (the HTTP(S) services, or `targets:`) and the settings of each area. The schema has judged the
// shapes; this reads them, applies the defaults and reports what only the values can show.
import type { Cursor } from './cursor.js'
import type { SecurityConfig, SecurityEndpoint, SecurityTarget, ServiceConfig } from './model.js'
import type { TlsSettings, TlsVersion } from '../judge/security.js'
import {
  RULE_ACTIONS,
  RULE_NAMES,
  SECURITY_LEVELS,
  type RuleAction,
  type RuleName,
  type RuleOverrides,
  type SecurityLevel
} from '../judge/security-rules.js'

export const DEFAULT_TLS: TlsSettings = { minDays: { warn: 21, fail: 7 }, minVersion: 'TLSv1.2' }

export function readSecurity(
  root: Cursor,
  services: readonly ServiceConfig[],
  environment: string
): SecurityConfig | undefined {
  const section = root.get('security')
  if (!section.exists) return undefined
  return {
    level: (section.get('level').text() as SecurityLevel | undefined) ?? defaultLevel(environment),
    overrides: readOverrides(section),
    targets: readTargets(section.get('targets'), services),
    tls: readTls(section.get('tls')),
    cors: {
      allowedOrigins: section
        .get('cors')
        .get('allowed_origins')
        .items()
        .flatMap(item => item.text() ?? []),
      credentials: section.get('cors').get('credentials').boolean() ?? false
    },
    authRequired: readEndpoints(section.get('auth_required')),
    ports: readPorts(section.get('ports'))
  }
}

/** An environment named like a level gets that level; any other the strictest. */
function defaultLevel(environment: string): SecurityLevel {
  return SECURITY_LEVELS.find(level => level === environment) ?? 'production'
}

function readOverrides(section: Cursor): RuleOverrides {
  const overrides: RuleOverrides = {}
  for (const rule of RULE_NAMES) {
    const [area = '', name = ''] = rule.split('.')
    const areaCursor = section.get(area)
    // auth_required's list form has no room for an override; its mapping form does.
    const action = areaCursor.get(name).text()
    if (action !== undefined && (RULE_ACTIONS as readonly string[]).includes(action))
      overrides[rule as RuleName] = action as RuleAction
  }
  return overrides
}

function readTargets(cursor: Cursor, services: readonly ServiceConfig[]): SecurityTarget[] {
  if (cursor.exists)
    return cursor.entries().flatMap(entry => {
      const url = readUrl(entry)
      return url === undefined ? [] : [{ name: entry.name, url, source: entry.source() }]
    })
  return services.flatMap(service =>
    service.probe.kind === 'http'
      ? [{ name: service.name, url: service.probe.url, ca: service.probe.tls.ca, source: service.source }]
      : []
  )
}

function readUrl(cursor: Cursor): string | undefined {
  const text = cursor.text()
  if (text === undefined) return undefined
  const url = URL.parse(text)
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return text
  cursor.report(`${cursor.where} must be an http:// or https:// URL, not '${text}'`)
  return undefined
}

function readTls(cursor: Cursor): TlsSettings {
  const minDays = cursor.get('min_days')
  const warn = minDays.get('warn').integer(0) ?? DEFAULT_TLS.minDays.warn
  const fail = minDays.get('fail').integer(0) ?? DEFAULT_TLS.minDays.fail
  if (fail > warn)
    minDays
      .get('fail')
      .report(
        `${minDays.where}.fail (${fail}) must be at most ${minDays.where}.warn (${warn}): a certificate warns before it fails`
      )
  return {
    minDays: { warn, fail },
    minVersion: (cursor.get('min_version').text() as TlsVersion | undefined) ?? DEFAULT_TLS.minVersion
  }
}

function readEndpoints(cursor: Cursor): SecurityEndpoint[] {
  const list = Array.isArray(cursor.value) ? cursor : cursor.get('endpoints')
  const taken = new Set<string>()
  return list.items().flatMap(item => {
    const url = readUrl(item)
    if (url === undefined) return []
    const name = unique(slug(new URL(url).pathname), taken)
    return [{ name, url, source: item.source('value') }]
  })
}

/** `/api/v1/admin` -> api-v1-admin; the root path is `root`. */
function slug(path: string): string {
  return (
    path
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'root'
  )
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`
  taken.add(candidate)
  return candidate
}

function readPorts(cursor: Cursor): SecurityConfig['ports'] {
  if (!cursor.exists) return undefined
  const host = cursor.get('host').text()
  const scan = cursor
    .get('scan')
    .items()
    .flatMap(item => item.integer(1, 65535) ?? [])
  const expected = cursor
    .get('expected')
    .items()
    .flatMap(item => {
      const port = item.integer(1, 65535)
      if (port !== undefined && !scan.includes(port))
        item.report(
          `${item.where} ${port} is not in ${cursor.where}.scan: add it there, or it is never tried`
        )
      return port ?? []
    })
  if (host === undefined || host.trim() === '') return undefined
  return { host, expected, scan, source: cursor.source() }
}
