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
import type { EnvironmentConfig } from './model.js'
import { normalize } from './normalize.js'
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
  const { workingDirectory, env } = options
  const workspace = options.workspace ?? workingDirectory
  const { layers, problems } = await readLayers(options.configPath, workingDirectory, workspace)
  if (problems.length > 0) throw new ConfigError(sortProblems(problems))

  const mainFile = displayPath(workingDirectory, resolve(workingDirectory, options.configPath))
  const { document, sources } = mergeLayers(layers)
  const schemaFindings = validateDocument(document)
  // Findings by stage: those of a later stage at a place an earlier one flagged are left out.
  const resolving: Finding[] = []
  const normalizing: Finding[] = []
  const reader = (findings: Finding[]): ReadContext => ({
    findings,
    locate: (path, anchor) => locate(sources, path, anchor, mainFile),
    files: inWorkspace(workspace)
  })

  const variables = resolveVariables(new Cursor(document, [], reader(resolving)).get('variables'), env)
  const interpolated = interpolate(document, variables, env, resolving)
  const normalized = normalize(new Cursor(interpolated.document, [], reader(normalizing)), {
    workingDirectory,
    fileStem: basename(mainFile).replace(/\.ya?ml$/i, ''),
    environmentName: options.environmentName,
    reportPlaces: inWorkspaceOrRunnerTemp(workspace, env),
    configFiles: layers.map(layer => resolve(workingDirectory, layer.file))
  })
  const webhook = normalized.notify.slack
  const secrets = [...new Set([...variables.secrets, ...interpolated.secrets, ...(webhook ? [webhook] : [])])]

  const found = toProblems([schemaFindings, resolving, normalizing], sources, mainFile, secrets)
  if (found.length > 0) throw new ConfigError(found, secrets)
  return {
    ...normalized,
    // The environment file first, then the files it extends in the order they merge.
    files: [mainFile, ...layers.slice(0, -1).map(layer => layer.file)],
    variables: variables.declared,
    resolved: {
      value: interpolated.document,
      locate: path => locate(sources, path, 'value', mainFile)
    },
    secrets,
    values: Object.fromEntries(variables.values)
  }
}
