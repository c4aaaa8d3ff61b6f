// The `notify:` section: where a run tells people about a failure, a rollback and a recovery. The
// Slack incoming-webhook URL is itself the credential (whoever holds it can post), so it is one of
// the run's secrets whether or not its variable was declared secret, and no message quotes it.
import type { Cursor } from './cursor.js'
import { readDuration } from './duration.js'
import type { NotifyConfig } from './model.js'

/** A notification that has not been answered by then is given up, with a warning. */
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000
const MAX_NOTIFY_TIMEOUT_MS = 60_000

export function readNotify(root: Cursor): NotifyConfig {
  const notify = root.get('notify')
  const slack = notify.get('slack')
  // Empty (an optional variable left unset, as on a fork without the secret): nobody is told.
  const url = slack.text() || undefined
  if (url !== undefined && !isWebhookUrl(url))
    slack.report(
      `${slack.where} must be an https URL, such as the incoming-webhook URL Slack gives ` +
        '(https://hooks.slack.com/services/…); keep it in a secret and write ${SLACK_WEBHOOK_URL}'
    )
  const timeout = notify.get('timeout')
  const timeoutMs = readDuration(timeout, { positive: true })
  if (timeoutMs !== undefined && timeoutMs > MAX_NOTIFY_TIMEOUT_MS)
    timeout.report(`${timeout.where} must be at most 60s: a notification never holds up the job longer`)
  return { slack: url, timeoutMs: timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS }
}

/** https anywhere; plain http only to this machine (a local receiver, tests). */
function isWebhookUrl(text: string): boolean {
  const url = URL.parse(text)
  if (url?.protocol === 'https:') return true
  return url?.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}
