// Writes the JSON report so that a reader never sees half of it: into a temporary file in the same
// directory, then renamed over the target (a rename within one file system is atomic). The sync
// flavour is for the exit path of a cancelled job, where nothing asynchronous gets to finish.
import { randomUUID } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Report } from './model.js'

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

export async function writeReport(path: string, report: Report): Promise<void> {
  const plan = planWrite(path, report)
  try {
    for (const step of plan.steps) await step.async()
  } catch (error) {
    await plan.cleanup.async()
    throw error
  }
}

export function writeReportSync(path: string, report: Report): void {
  const plan = planWrite(path, report)
  try {
    for (const step of plan.steps) step.sync()
  } catch (error) {
    plan.cleanup.sync()
    throw error
  }
}

function planWrite(path: string, report: Report): Plan {
  const target = resolve(path)
  const dir = dirname(target)
  // Hidden, and unique per process and call, so concurrent writers never share a temporary file.
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomUUID()}.tmp`)
  const json = `${JSON.stringify(report, null, 2)}\n`
  return {
    steps: [
      {
        sync: () => void mkdirSync(dir, { recursive: true }),
        async: async () => void (await mkdir(dir, { recursive: true }))
      },
      { sync: () => writeFileSync(temp, json), async: () => writeFile(temp, json) },
      { sync: () => renameSync(temp, target), async: () => rename(temp, target) }
    ],
    cleanup: { sync: () => rmSync(temp, { force: true }), async: () => rm(temp, { force: true }) }
  }
}
