// Reading an environment file: its layers (built-in defaults, extended files, the file) merged,
// checked against the schema, interpolated and normalized. Every problem of every stage is
// collected, so that one run lists them all; a file that cannot be read or parsed stops the rest.
import { basename, resolve } from 'node:path'
import { Cursor, type ReadContext } from './cursor.js'
import { displayPath, inWorkspace, inWorkspaceOrRunnerTemp } from './files.js'
import { sortProblems, toProblems, type Finding } from './findings.js'
import { interpolate } from './interpolate.js'
import { readLayers } from './layers.js'
import { mergeLayers } from './merge.js'
import type { EnvironmentConfig, ResolvedDocument } from './model.js'
import { normalize } from './normalize.js'
import { loadPatternEngine, mayHoldPatterns } from './pattern.js'
import { ConfigError } from './problems.js'
import { locate } from './source-map.js'
import { validateDocument } from './validate.js'
import { resolveVariables } from './variables.js'

export interface LoadOptions {
  /** As the user gave it: relative to workingDirectory, or absolute. */
  configPath: string
  /** Absolute. */
  workingDirectory: string
  /**
   * Absolute: the files the configuration names must be inside it (GITHUB_WORKSPACE, or where a
   * local run started); the working directory when not given.
   */
  workspace?: string
  /** process.env in production. */
  env: Record<string, string | undefined>
  /** The action's `environment` input: overrides the file's name. */
  environmentName?: string
}

/** The normalized environment, or a ConfigError listing every problem found. */
export async function loadEnvironment(options: LoadOptions): Promise<EnvironmentConfig> {
  const read = await readResolved(options, false)
  const { workingDirectory, env } = options
  const normalizing: Finding[] = []
  if (mayHoldPatterns(read.interpolated.document)) await loadPatternEngine()
  const normalized = normalize(Cursor.root(read.interpolated.document, read.reader(normalizing)), {
    workingDirectory,
    fileStem: basename(read.mainFile).replace(/\.ya?ml$/i, ''),
    environmentName: options.environmentName,
    reportPlaces: inWorkspaceOrRunnerTemp(read.workspace, env),
    configFiles: read.layers.map(layer => resolve(workingDirectory, layer.file))
  })
  // A Slack webhook URL is a credential whether or not its variable was declared secret.
  const webhook = normalized.notify.slack
  const secrets = webhook ? [...new Set([...read.secrets, webhook])] : read.secrets
  read.throwProblems(normalizing, webhook ? [webhook] : [])
  return {
    ...normalized,
    // The environment file first, then the files it extends in the order they merge.
    files: [read.mainFile, ...read.layers.slice(0, -1).map(layer => layer.file)],
    variables: read.variables.declared,
    resolved: read.resolved,
    secrets,
    values: Object.fromEntries(read.variables.values)
  }
}

/** A file read only to compare with (`baseline.compare_config`): its document, secrets and unset variables. */
export interface ComparedFile {
  resolved: ResolvedDocument
  secrets: string[]
  /** Required variables without a value: where used, the document holds `${NAME}` as written. */
  unset: string[]
}

/**
 * Reads a file to compare with as it would be read where it is used: a required variable without
 * a value is no problem here (the run does not set that file's variables), it stays as written.
 */
export async function loadForComparison(options: LoadOptions): Promise<ComparedFile> {
  const read = await readResolved(options, true)
  read.throwProblems([])
  return { resolved: read.resolved, secrets: read.secrets, unset: [...read.variables.unset] }
}

/** Layers merged, checked against the schema, variables resolved and interpolated. */
async function readResolved(options: LoadOptions, unsetAllowed: boolean) {
  const { workingDirectory, env } = options
  const workspace = options.workspace ?? workingDirectory
  const { layers, problems } = await readLayers(options.configPath, workingDirectory, workspace)
  if (problems.length > 0) throw new ConfigError(sortProblems(problems))

  const mainFile = displayPath(workingDirectory, resolve(workingDirectory, options.configPath))
  const { document, sources } = mergeLayers(layers)
  const schemaFindings = validateDocument(document)
  // Findings by stage: those of a later stage at a place an earlier one flagged are left out.
  const resolving: Finding[] = []
  const reader = (findings: Finding[]): ReadContext => ({
    findings,
    locate: (path, anchor) => locate(sources, path, anchor, mainFile),
    files: inWorkspace(workspace)
  })
  const variables = resolveVariables(
    Cursor.root(document, reader(resolving)).get('variables'),
    env,
    unsetAllowed
  )
  const interpolated = interpolate(document, variables, env, resolving)
  const secrets = [...new Set([...variables.secrets, ...interpolated.secrets])]
  const resolved: ResolvedDocument = {
    value: interpolated.document,
    written: document,
    locate: path => locate(sources, path, 'value', mainFile)
  }
  return {
    layers,
    mainFile,
    workspace,
    reader,
    variables,
    interpolated,
    secrets,
    resolved,
    /** Throws every problem found, with `more` secrets (found on normalizing) masked too. */
    throwProblems(later: Finding[], more: readonly string[] = []): void {
      const masked = [...secrets, ...more]
      const found = toProblems([schemaFindings, resolving, later], sources, mainFile, masked)
      if (found.length > 0) throw new ConfigError(found, masked)
    }
  }
}
