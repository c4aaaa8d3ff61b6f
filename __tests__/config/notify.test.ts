// The notify: section and the rollback dispatch's pull-request switch, read through the loader: what
// a run is told to send, and that the webhook URL, a credential, is one of the run's secrets.
import { cleanup, failure, load, problems, yaml } from './helpers.js'

afterAll(cleanup)

const HOOK = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX'

describe('notify.slack', () => {
  it('is the webhook to tell, with a 10 s bound by default', async () => {
    const config = await load(
      {
        'env.yml': yaml`
        version: 1
        variables:
          SLACK_WEBHOOK_URL: { required: true }
        notify:
          slack: \${SLACK_WEBHOOK_URL}
        `
      },
      { env: { SLACK_WEBHOOK_URL: HOOK } }
    )
    expect(config.notify).toEqual({ slack: HOOK, timeoutMs: 10_000 })
  })

  it('is a secret even when its variable is not declared secret', async () => {
    const config = await load(
      { 'env.yml': 'version: 1\nvariables:\n  HOOK:\nnotify:\n  slack: ${HOOK}\n' },
      { env: { HOOK } }
    )
    expect(config.secrets).toContain(HOOK)
  })

  it('is absent when the file has no notify: section', async () => {
    expect((await load({ 'env.yml': 'version: 1\n' })).notify).toEqual({
      slack: undefined,
      timeoutMs: 10_000
    })
  })

  it('is absent when its variable is optional and not set', async () => {
    const config = await load({
      'env.yml': 'version: 1\nvariables:\n  HOOK: {}\nnotify:\n  slack: ${HOOK}\n'
    })
    expect(config.notify).toStrictEqual({ slack: undefined, timeoutMs: 10_000 })
  })

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost:8080/hook', 'http://[::1]:8080/hook'])(
    'may be plain http to this machine: %s',
    async url => {
      const config = await load({ 'env.yml': `version: 1\nnotify:\n  slack: '${url}'\n` })
      expect(config.notify.slack).toBe(url)
    }
  )

  it.each(['http://127.0.0.2/hook', 'ftp://localhost/hook', 'not a url'])('may not be %s', async url => {
    expect(await problems({ 'env.yml': `version: 1\nnotify:\n  slack: '${url}'\n` })).toStrictEqual([
      'env.yml:3:10: notify.slack must be an https URL, such as the incoming-webhook URL Slack gives (https://hooks.slack.com/services/…); keep it in a secret and write ${SLACK_WEBHOOK_URL}'
    ])
  })

  it('must be https, or http to this machine only, and the problem never quotes it', async () => {
    const plain = 'http://hooks.example.com/services/T000/B000/PLAINSECRET'
    const error = await failure(
      { 'env.yml': 'version: 1\nvariables:\n  HOOK:\nnotify:\n  slack: ${HOOK}\n' },
      { env: { HOOK: plain } }
    )
    expect(error.message).toMatch(/^env\.yml:5:10: notify\.slack must be an https URL/)
    expect(error.message).not.toContain('PLAINSECRET')
    expect(error.secrets).toContain(plain)
    const local = await load({ 'env.yml': 'version: 1\nnotify:\n  slack: http://127.0.0.1:8080/hook\n' })
    expect(local.notify.slack).toBe('http://127.0.0.1:8080/hook')
  })

  it('gives up a notification after notify.timeout, at most a minute', async () => {
    const config = await load({ 'env.yml': `version: 1\nnotify:\n  slack: ${HOOK}\n  timeout: 2s\n` })
    expect(config.notify.timeoutMs).toBe(2000)
    const minute = await load({ 'env.yml': `version: 1\nnotify:\n  slack: ${HOOK}\n  timeout: 60s\n` })
    expect(minute.notify.timeoutMs).toBe(60_000)
    expect(await problems({ 'env.yml': `version: 1\nnotify:\n  slack: ${HOOK}\n  timeout: 5m\n` })).toEqual([
      'env.yml:4:12: notify.timeout must be at most 60s: a notification never holds up the job longer'
    ])
  })
})

describe('rollback.dispatch_from_pull_requests', () => {
  it('is false unless the file says true', async () => {
    const off = await load({ 'env.yml': 'version: 1\nrollback:\n  dispatch: roll-back\n' })
    expect(off.rollback).toMatchObject({ dispatch: 'roll-back', dispatchFromPullRequests: false })
    const on = await load({
      'env.yml': 'version: 1\nrollback:\n  dispatch: roll-back\n  dispatch_from_pull_requests: true\n'
    })
    expect(on.rollback.dispatchFromPullRequests).toBe(true)
  })
})
