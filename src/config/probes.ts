// The probe of a service: exactly one of http, postgres, tcp, command, metrics or prometheus, with its defaults applied.
import { dirname, resolve } from 'node:path'
import type { Cursor } from './cursor.js'
import { defined } from './document.js'
import { displayPath, readConfinedFile } from './files.js'
import { readLatency, readMatcher, readStatus } from './expectations.js'
import { readMetrics, readPrometheus } from './metrics.js'
import type {
  CommandProbeSpec,
  CommandSpec,
  HttpProbeSpec,
  Matcher,
  PostgresProbeSpec,
  ProbeSpec,
  TcpProbeSpec
} from './model.js'

const PROBE_KINDS = ['http', 'postgres', 'tcp', 'command', 'metrics', 'prometheus'] as const

export function readProbe(service: Cursor, workingDirectory: string): ProbeSpec | undefined {
  const kinds = PROBE_KINDS.filter(kind => service.get(kind).exists)
  const [kind] = kinds
  if (kind === undefined || kinds.length > 1) {
    const problem = kind === undefined ? 'has no probe' : `has more than one probe (${kinds.join(', ')})`
    service.report(`${service.where} ${problem}: give it exactly one of ${PROBE_KINDS.join(', ')}`, 'key')
    return undefined
  }
  const probe = service.get(kind)
  switch (kind) {
    case 'http':
      if (probe.get('capture').exists) {
        probe.get('capture').report(`${probe.where}.capture is only for smoke steps: remove it here`, 'key')
      }
      return readHttp(probe, workingDirectory)
    case 'postgres':
      return readPostgres(probe)
    case 'tcp':
      return readTcp(probe)
    case 'command':
      return readCommand(probe, workingDirectory)
    case 'metrics':
      return readMetrics(probe)
    case 'prometheus':
      return readPrometheus(probe)
  }
}

export function readHttp(http: Cursor, workingDirectory: string): HttpProbeSpec {
  const url = http.get('url')
  const target = url.text()
  if (target !== undefined && !/^https?:$/.test(parsedUrl(target)?.protocol ?? '')) {
    url.report(`${url.where} must be an absolute http:// or https:// URL, not '${target}'`)
  }
  const method = http.get('method')
  const verb = method.text()?.toUpperCase() ?? 'GET'
  if (!/^[A-Z]+$/.test(verb)) {
    method.report(`${method.where} must be an HTTP method such as GET, HEAD or POST`)
  }
  const body = http.get('body')
  const json = http.get('json')
  if (body.exists && json.exists) json.report(`${http.where} has both body and json: keep one of them`, 'key')
  const expect = http.get('expect')
  return defined({
    kind: 'http' as const,
    method: verb,
    url: target ?? '',
    headers: http.get('headers').mapping(entry => entry.scalarText()),
    body: body.text(),
    json: json.value,
    tls: defined({
      ca: readCa(http.get('ca_file'), workingDirectory),
      insecureSkipVerify: http.get('insecure_skip_verify').boolean() ?? false
    }),
    followRedirects: http.get('follow_redirects').boolean() ?? true,
    maxRedirects: http.get('max_redirects').integer(0) ?? 5,
    maxBodyBytes: http.get('max_body_bytes').integer(1) ?? 1_048_576,
    expect: defined({
      status: readStatus(expect.get('status')) ?? ['2xx'],
      headers: optionalMatchers(expect.get('headers'), name => name.toLowerCase()),
      json: optionalMatchers(expect.get('json')),
      body: readMatcher(expect.get('body')),
      latency: readLatency(expect.get('latency'))
    })
  })
}

function readPostgres(postgres: Cursor): PostgresProbeSpec {
  const url = postgres.get('url')
  const target = url.text()
  // The URL holds a password: it is never quoted.
  if (target !== undefined && !/^postgres(ql)?:$/.test(parsedUrl(target)?.protocol ?? '')) {
    url.report(
      `${url.where} must be a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)`
    )
  }
  const query = postgres.get('query')
  const expect = postgres.get('expect')
  return defined({
    kind: 'postgres' as const,
    url: target ?? '',
    extensions: postgres
      .get('extensions')
      .items()
      .map(item =>
        defined({
          name: item.text() ?? item.get('name').text() ?? '',
          minVersion: item.get('min_version').text()
        })
      ),
    tables: postgres
      .get('tables')
      .items()
      .map(item => ({
        name: item.text() ?? item.get('name').text() ?? '',
        columns: readTextList(item.get('columns'))
      })),
    query: query.exists
      ? defined({
          sql: query.get('sql').text() ?? '',
          params: query.get('params').exists
            ? query
                .get('params')
                .items()
                .map(param => param.scalarText() ?? '')
            : undefined,
          expect: query.get('expect').mapping(readMatcher)
        })
      : undefined,
    expect: defined({
      serverVersion: readVersionMatcher(expect.get('server_version')),
      latency: readLatency(expect.get('latency'))
    })
  })
}

/** Bounds are version text compared part by part; a version with a dot must be quoted (15.10 ≠ 15.1). */
function readVersionMatcher(cursor: Cursor): Matcher | undefined {
  if (typeof cursor.value === 'number' && !Number.isInteger(cursor.value)) {
    cursor.report(
      `${cursor.where} must be quoted, such as '${cursor.value}': as a YAML number a version loses its trailing zeros (15.10 would read as 15.1)`
    )
    return undefined
  }
  const matcher = readMatcher(cursor)
  if (matcher === null || typeof matcher !== 'object') return matcher
  const bound = (op: string) => cursor.get(op).scalarText()
  return defined({ ...matcher, lt: bound('lt'), lte: bound('lte'), gt: bound('gt'), gte: bound('gte') })
}

function readTcp(tcp: Cursor): TcpProbeSpec {
  const expect = tcp.get('expect')
  return defined({
    kind: 'tcp' as const,
    host: tcp.get('host').text() ?? '',
    port: tcp.get('port').integer(1, 65_535) ?? 0,
    send: tcp.get('send').text(),
    expect: defined({
      response: readMatcher(expect.get('response')),
      latency: readLatency(expect.get('latency'))
    })
  })
}

function readCommand(command: Cursor, workingDirectory: string): CommandProbeSpec {
  return {
    kind: 'command',
    ...readCommandSpec(command, workingDirectory),
    expect: readCommandExpect(command.get('expect'))
  }
}

/** run, shell, env and working_directory: what a command probe, a deploy step and a smoke step share. */
export function readCommandSpec(command: Cursor, workingDirectory: string): CommandSpec {
  return defined({
    run: command.get('run').text() ?? '',
    shell: command.get('shell').text(),
    env: command.get('env').mapping(entry => entry.scalarText()),
    // Commands run in the action's working directory unless told otherwise, wherever the process was started.
    workingDirectory: resolve(workingDirectory, command.get('working_directory').text() ?? '.')
  })
}

export function readCommandExpect(expect: Cursor): CommandProbeSpec['expect'] {
  return defined({
    exitCode: expect.get('exit_code').integer(0, 255) ?? 0,
    stdout: readMatcher(expect.get('stdout')),
    stderr: readMatcher(expect.get('stderr')),
    latency: readLatency(expect.get('latency'))
  })
}

/** PEM text of `ca_file`, a path relative to the file that names it. */
function readCa(caFile: Cursor, workingDirectory: string): string | undefined {
  const written = caFile.text()
  if (written === undefined) return undefined
  const path = resolve(workingDirectory, dirname(caFile.source('value').file), written)
  const read = readConfinedFile(path, caFile.files)
  if ('problem' in read) {
    const { reason, fix } = read.problem
    caFile.report(
      `${caFile.where}: '${written}' ${reason} (looked for ${displayPath(workingDirectory, path)})${fix ? `: ${fix}` : ''}`
    )
    return undefined
  }
  const pem = read.text
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    caFile.report(`${caFile.where}: '${written}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)`)
  }
  return pem
}

function readTextList(cursor: Cursor): string[] {
  return cursor.items().flatMap(item => item.text() ?? [])
}

/** Matchers by name (header names, JSONPath expressions), when the mapping is there at all. */
function optionalMatchers(
  cursor: Cursor,
  key?: (name: string) => string
): Record<string, Matcher> | undefined {
  return cursor.exists ? cursor.mapping(readMatcher, key) : undefined
}

function parsedUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined
}
