// Sending a notification: one POST of a message to a Slack incoming webhook, bounded in time and in
// what is read back. It never throws and never names the webhook (the URL is the credential): what
// went wrong is a problem for a warning, and the verdict never depends on it. undici is loaded when a
// notification is sent: a run that sends none and probes no HTTP never loads it.
import { errorMessage } from '../model/errors.js'
import { failed, succeeded, type Result } from '../model/result.js'

export interface SlackWebhook {
  url: string
  /** The whole exchange, answer included, must fit in it. */
  timeoutMs: number
}

/** Posts `text` to the webhook; it succeeded when Slack answered 2xx. */
export async function sendSlack(webhook: SlackWebhook, text: string): Promise<Result<void>> {
  try {
    const { request } = await import('undici')
    const response = await request(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(webhook.timeoutMs),
      headersTimeout: webhook.timeoutMs,
      bodyTimeout: webhook.timeoutMs
    })
    // Slack's answer (`ok`, or an error code) adds nothing to the status; it is discarded unread.
    await response.body.dump()
    if (response.statusCode >= 200 && response.statusCode < 300) return succeeded(undefined)
    return failed(
      `the webhook answered ${response.statusCode}` +
        (response.statusCode === 403 || response.statusCode === 404
          ? ': the URL is no longer valid; create a new incoming webhook and update the secret'
          : '')
    )
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || /timeout/i.test(error.name))
    return failed(timedOut ? `no answer within ${webhook.timeoutMs / 1000} s` : errorMessage(error))
  }
}
