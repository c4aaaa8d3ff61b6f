// Writes the report in each of its formats so that a reader never sees half of a file: into a
// temporary file in the same directory, then renamed over the target (a rename within one file
// system is atomic). The sync flavour is for the exit path of a cancelled job, where nothing
// asynchronous gets to finish.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { formatPath, type ReportFormat } from '../model/report-files.js'
import { renderFormat } from './formats.js'
import type { Report } from '../model/report.js'

/** One file-system step, in both flavours of node:fs. */
interface Step {
  sync(): void
  async(): Promise<void>
}

interface Plan {
  steps: Step[]
  /** Removes the temporary file after a failed step. */
  cleanup: Step
}

/** Writes the JSON report at `path`, and each other requested format beside it. */
export async function writeReport(
  path: string,
  report: Report,
  formats: readonly ReportFormat[] = []
): Promise<void> {
  for (const plan of plans(path, report, formats)) {
    try {
      for (const step of plan.steps) await step.async()
    } catch (error) {
      await plan.cleanup.async()
      throw error
    }
  }
}

export function writeReportSync(path: string, report: Report, formats: readonly ReportFormat[] = []): void {
  for (const plan of plans(path, report, formats)) {
    try {
      for (const step of plan.steps) step.sync()
    } catch (error) {
      plan.cleanup.sync()
      throw error
    }
  }
}

function plans(path: string, report: Report, formats: readonly ReportFormat[]): Plan[] {
  const all = new Set<ReportFormat>(['json', ...formats])
  return [...all].map(format => planWrite(formatPath(path, format), renderFormat(report, format, path)))
}

/** How many temporary files this process has named. */
let temporaryFiles = 0

function planWrite(path: string, text: string): Plan {
  const target = resolve(path)
  const dir = dirname(target)
  // Hidden, and unique per process and call, so concurrent writers never share a temporary file.
  const temp = join(dir, `.${basename(target)}.${process.pid}.${++temporaryFiles}.tmp`)
  return {
    steps: [
      {
        sync: () => void mkdirSync(dir, { recursive: true }),
        async: async () => void (await mkdir(dir, { recursive: true }))
      },
      { sync: () => writeFileSync(temp, text), async: () => writeFile(temp, text) },
      { sync: () => renameSync(temp, target), async: () => rename(temp, target) }
    ],
    cleanup: { sync: () => rmSync(temp, { force: true }), async: () => rm(temp, { force: true }) }
  }
}
