// The notification's words: who is told what, and that outside text cannot become Slack markup.
import { notificationFor, type NotificationFacts } from '../../src/report/notification.js'

const RUN = 'https://github.com/acme/shop/actions/runs/4242'

function report(status: NotificationFacts['report']['status'], summary = `${status}: 1 of 3 checks failed`) {
  return { status, summary, environment: 'production', mode: 'verify' as const, git: { run_url: RUN } }
}

describe('a notification', () => {
  it('tells of a failed verdict, with its summary and the run link', () => {
    expect(notificationFor({ report: report('failed') })).toEqual({
      reason: 'failed',
      text: `❌ *production*: the deployment failed validation (failed: 1 of 3 checks failed). <${RUN}|Open the run>`
    })
  })

  it('tells of a validation that could not run as a failure', () => {
    expect(notificationFor({ report: report('error') })?.reason).toBe('failed')
  })

  it('tells of a validation that could not run', () => {
    expect(notificationFor({ report: report('error', 'error: API_URL is not set') })?.text).toBe(
      `⚠️ *production*: the deployment could not be validated (error: API_URL is not set). <${RUN}|Open the run>`
    )
  })

  it('tells of the rollback’s outcome in place of the failure, and what to do when it failed', () => {
    expect(notificationFor({ report: report('failed'), rollback: 'succeeded' })).toMatchObject({
      reason: 'rollback',
      text: expect.stringMatching(/^↩️ \*production\*: rolled back after a failed validation/)
    })
    expect(notificationFor({ report: report('failed'), rollback: 'failed' })?.text).toContain(
      'the rollback failed after a failed validation (failed: 1 of 3 checks failed). Follow the manual steps in the job summary.'
    )
  })

  it('tells of a recovery: a passing run after a failed deployment', () => {
    expect(
      notificationFor({ report: report('passed', 'passed: 3 checks passed'), previousFailed: true })
    ).toEqual({
      reason: 'recovered',
      text: `✅ *production*: recovered, the validation passes again (passed: 3 checks passed). <${RUN}|Open the run>`
    })
  })

  it('says nothing of a passing run after a passing one, or when the previous one is unknown', () => {
    expect(notificationFor({ report: report('passed'), previousFailed: false })).toBeUndefined()
    expect(notificationFor({ report: report('warning') })).toBeUndefined()
  })

  it('is not sent by merge mode: each environment’s job has told already', () => {
    expect(notificationFor({ report: { ...report('failed'), mode: 'merge' } })).toBeUndefined()
  })

  it('keeps outside text as text: no links, mentions or entities of its own', () => {
    const hostile = report('failed', 'failed: <!channel> <https://evil.example|click> & more')
    const { text } = notificationFor({ report: hostile }) ?? { text: '' }
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more')
    expect(text.match(/</g)).toHaveLength(1)
  })

  it('has no link when the run is unknown, and a bounded length', () => {
    const long = report('failed', `failed: ${'x'.repeat(5000)}`)
    const { text } = notificationFor({ report: { ...long, git: { run_url: null } } }) ?? { text: '' }
    expect(text).not.toContain('Open the run')
    expect(text.length).toBeLessThan(400)
  })

  it('says the rollback in full, with the run link', () => {
    expect(notificationFor({ report: report('failed'), rollback: 'succeeded' })?.text).toBe(
      `↩️ *production*: rolled back after a failed validation (failed: 1 of 3 checks failed). <${RUN}|Open the run>`
    )
    expect(notificationFor({ report: report('passed'), rollback: 'failed' })?.text).toBe(
      '🚨 *production*: the rollback failed after a failed validation (passed: 1 of 3 checks failed). ' +
        `Follow the manual steps in the job summary. <${RUN}|Open the run>`
    )
  })

  it('links only a run URL that is plain http(s), with nothing that could end the link', () => {
    const withUrl = (run_url: string) =>
      notificationFor({ report: { ...report('failed'), git: { run_url } } })?.text
    expect(withUrl('http://ghe.local/runs/1')).toContain(' <http://ghe.local/runs/1|Open the run>')
    for (const url of [
      'javascript:alert(1)',
      'https://x/a b',
      'https://x/a|b',
      'https://x/<b>',
      'xhttps://x/1',
      'https://x/1\nmore'
    ])
      expect(withUrl(url)).toMatch(/\)\.$/)
  })

  it('keeps a hostile environment name as text', () => {
    expect(notificationFor({ report: { ...report('failed'), environment: '<@U1>&' } })?.text).toMatch(
      /^❌ \*&lt;@U1&gt;&amp;\*: /
    )
  })
})
