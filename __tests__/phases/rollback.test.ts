// The rollback through the engine, with real commands and a clock whose sleeps return at once (and
// are recorded): retries with the configured delay, a rollback that fails and says what to do by
// hand, and mode rollback acting on a failed run's report.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ValidationRun, type RunRequest } from '../../src/engine.js'
import type { Logger } from '../../src/log.js'
import { renderSummary } from '../../src/report/markdown.js'
import { rollbackFailure } from '../../src/report/rollback-text.js'
import { chooseTarget } from '../../src/phases/rollback.js'
import { succeeded } from '../../src/model/result.js'
import { fakeClock } from '../support/clock.js'
import { fromInputs } from '../support/run-request.js'

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const record = (line: string) => void lines.push(line)
  return {
    lines,
    logger: {
      info: record,
      warning: record,
      error: record,
      debug: record,
      group: (_n, fn) => fn(),
      mask: () => undefined
    }
  }
}

async function validate(
  config: string,
  inputs: Record<string, string> = {},
  dir?: string,
  request: Partial<RunRequest> = {}
) {
  const workspace = dir ?? (await mkdtemp(join(tmpdir(), 'deploy-verify-rollback-')))
  await writeFile(join(workspace, 'env.yml'), config)
  const clock = fakeClock()
  const { logger, lines } = recordingLogger()
  const run = new ValidationRun({
    ...fromInputs({ config: 'env.yml', ...inputs }),
    env: {},
    workspace,
    logger,
    clock,
    ...request
  })
  const report = await run.execute()
  return { report, slept: clock.slept, lines, workspace, run }
}

/** A deploy that fails, so that its check triggers the rollback. */
const FAILED_DEPLOY = `version: 1
deploy:
  - name: Release
    run: exit 1
`

describe('rollback steps', () => {
  it('retry a step that fails twice, waiting the configured delay between attempts', async () => {
    const { report, slept } = await validate(`${FAILED_DEPLOY}rollback:
  delay: 10s
  steps:
    - name: Flaky restore
      run: |
        n=$(( $(cat tries 2>/dev/null || echo 0) + 1 )); echo "$n" > tries
        if [ "$n" -lt 3 ]; then echo "attempt $n: registry busy"; exit 2; fi
        echo restored
`)
    expect(report.status).toBe('failed')
    expect(report.rollback).toMatchObject({
      state: 'succeeded',
      trigger: ['deploy.release'],
      steps: [{ id: 'flaky-restore', status: 'flaky', exit_code: 0, output_tail: ['restored'] }]
    })
    expect(report.rollback?.steps[0]?.attempts.map(attempt => attempt.ok)).toEqual([false, false, true])
    // Two waits of the configured delay, on the run's clock: no real ten seconds.
    expect(slept).toEqual([10_000, 10_000])
  })

  it('that always fails end the rollback as failed, with the manual instructions and a distinct message', async () => {
    const { report, lines } = await validate(`${FAILED_DEPLOY}rollback:
  attempts: 2
  delay: 1s
  steps:
    - name: Restore
      run: echo "cannot reach the host"; exit 4
    - name: Never reached
      run: echo never
  manual: |
    Scale the worker to zero, then restore the last snapshot by hand.
`)
    const rollback = report.rollback
    expect(rollback).toMatchObject({
      state: 'failed',
      message: 'rollback step restore failed',
      steps: [{ id: 'restore', status: 'failed', exit_code: 4, output_tail: ['cannot reach the host'] }],
      verification: null,
      manual: 'Scale the worker to zero, then restore the last snapshot by hand.\n',
      // Neither the Deployments API nor a baseline was there to ask: said, and the steps still ran.
      target: { sha: null, source: null, note: expect.stringContaining('no successful deployment') }
    })
    expect(rollback?.steps[0]?.attempts).toHaveLength(2)
    if (!rollback) throw new Error('no rollback section')
    expect(rollbackFailure(rollback)).toBe(
      'The rollback failed (rollback step restore failed): the environment may still run the bad release. Restore it by hand: Scale the worker to zero, then restore the last snapshot by hand.'
    )
    const summary = renderSummary(report)
    expect(summary).toContain('🚨 **Rollback failed** to an unknown release')
    expect(summary).toContain('> Scale the worker to zero, then restore the last snapshot by hand.')
    expect(lines.join('\n')).toContain('By hand: Scale the worker to zero')
  })

  it('are stopped at their own timeout, and the rollback fails with the manual instructions', async () => {
    const { report } = await validate(`${FAILED_DEPLOY}rollback:
  steps:
    - name: Hanging restore
      run: sleep 30 & wait
      timeout: 300ms
      attempts: 1
  manual: Restore by hand.
`)
    expect(report.rollback).toMatchObject({
      state: 'failed',
      steps: [{ id: 'hanging-restore', status: 'failed', timed_out: true, exit_code: null }],
      manual: 'Restore by hand.'
    })
  })

  it('do not run when the verdict passed, nor for failures that rollback.on does not name', async () => {
    const passed = await validate(`version: 1
deploy:
  - name: Release
    run: "true"
rollback:
  steps: [{ name: Restore, run: exit 9 }]
`)
    expect(passed.report.rollback).toMatchObject({ state: 'not-triggered', steps: [] })
    const unnamed = await validate(`${FAILED_DEPLOY}rollback:
  on: [services]
  steps: [{ name: Restore, run: exit 9 }]
`)
    expect(unnamed.report.rollback).toMatchObject({
      state: 'not-triggered',
      message: 'not triggered: no failed check is named by rollback.on (services)'
    })
  })

  it('run in a deploy step marked always, after an earlier step failed', async () => {
    const { report } = await validate(`version: 1
deploy:
  - name: Release
    run: exit 1
  - name: Migrate
    run: echo never
  - name: Clean up
    run: echo cleaned
    always: true
`)
    expect(report.deploy?.steps).toMatchObject({
      release: { status: 'failed' },
      migrate: { status: 'skipped' },
      'clean-up': { status: 'passed', output_tail: ['cleaned'] }
    })
    expect(report.deploy?.failed_step).toBe('release')
  })
})

describe('mode rollback', () => {
  it("runs only the steps whose when: matches what failed in the failed run's report", async () => {
    const config = `version: 1
services:
  cache:
    tcp: { host: 127.0.0.1, port: 1 }
    retry: { attempts: 1 }
    timeout: 1s
rollback:
  mode: workflow
  steps:
    - name: Restart cache
      run: echo "restarting cache"
      when: [services.cache]
    - name: Redeploy
      run: echo never
      when: [deploy]
    - name: Announce
      run: echo "announced"
`
    const failedRun = await validate(config)
    expect(failedRun.report.status).toBe('failed')
    // mode workflow: the verifying job only fails; the rollback workflow runs the steps.
    expect(failedRun.report.rollback).toMatchObject({
      state: 'skipped',
      trigger: ['services.cache'],
      steps: []
    })
    await failedRun.run.saveReport(failedRun.report)

    const { report } = await validate(
      config,
      { mode: 'rollback', 'failed-report': 'deploy-verify-report.json' },
      failedRun.workspace
    )
    expect(report.mode).toBe('rollback')
    expect(report.rollback).toMatchObject({
      state: 'succeeded',
      mode: 'rollback',
      trigger: ['services.cache'],
      failed_run: {
        deployment_id: failedRun.report.deployment_id,
        status: 'failed',
        report: 'deploy-verify-report.json'
      }
    })
    expect(report.rollback?.steps.map(step => step.id)).toEqual(['restart-cache', 'announce'])
  })

  it('reads the failed-report file first, and the failed run the event names only without one', async () => {
    const config = `version: 1
services:
  cache:
    tcp: { host: 127.0.0.1, port: 1 }
    retry: { attempts: 1 }
    timeout: 1s
rollback:
  mode: workflow
  steps:
    - name: Restart cache
      run: "true"
      when: [services.cache]
    - name: Redeploy
      run: "true"
      when: [deploy]
`
    const failedRun = await validate(config)
    await failedRun.run.saveReport(failedRun.report)
    const asked: string[] = []
    // What a dispatch would name: the deploy failed.
    const findFailedRun = async (environment: string) => {
      asked.push(environment)
      return succeeded({
        deployment_id: 'deploy_20261201_050000',
        environment,
        status: 'failed' as const,
        checks: [{ id: 'deploy.release', category: 'deploy', status: 'failed' as const }],
        source: 'the client_payload of the repository_dispatch rollback'
      })
    }
    const fromFile = await validate(
      config,
      { mode: 'rollback', 'failed-report': 'deploy-verify-report.json' },
      failedRun.workspace,
      { findFailedRun }
    )
    expect(fromFile.report.rollback?.steps.map(step => step.id)).toEqual(['restart-cache'])
    expect(asked).toEqual([])

    const fromEvent = await validate(config, { mode: 'rollback' }, failedRun.workspace, { findFailedRun })
    expect(fromEvent.report.rollback?.steps.map(step => step.id)).toEqual(['redeploy'])
    expect(fromEvent.report.rollback?.failed_run).toEqual({
      deployment_id: 'deploy_20261201_050000',
      status: 'failed',
      report: 'the client_payload of the repository_dispatch rollback'
    })
    expect(asked).toEqual([fromEvent.report.environment])
  })

  it('says which input to fix when the failed report is not a report', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'deploy-verify-rollback-'))
    await writeFile(join(workspace, 'failed.json'), '{"status": "failed"}')
    const { report } = await validate(
      `${FAILED_DEPLOY}rollback:\n  steps: [{ name: Restore, run: "true" }]\n`,
      { mode: 'rollback', 'failed-report': 'failed.json' },
      workspace
    )
    expect(report.status).toBe('error')
    expect(report.errors[0]?.message).toMatch(
      /^input failed-report: failed\.json: not a deploy-verify report: .*give the JSON report of the failed run/
    )
    expect(await readFile(join(workspace, 'failed.json'), 'utf8')).toBe('{"status": "failed"}')
  })
})

describe('the target release', () => {
  it("is the one found, else the baseline's recorded commit, else none, said so", () => {
    const found = { sha: 'abc', ref: 'refs/tags/v1', deployment: '7', source: 'the Deployments API' }
    const baseline = { sha: 'def', deployment_id: 'deploy_20261130_010203', origin: 'baseline.json' }
    expect(chooseTarget(found, baseline)).toBe(found)
    expect(chooseTarget(undefined, baseline)).toEqual({
      sha: 'def',
      ref: null,
      deployment: null,
      source: "the baseline's recorded commit (baseline.json, validation deploy_20261130_010203)"
    })
    expect(chooseTarget(undefined, { ...baseline, sha: null })).toMatchObject({
      sha: null,
      source: null,
      note: 'no successful deployment of the environment was found, and no baseline records a commit'
    })
  })
})
