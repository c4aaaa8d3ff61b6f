// How the release a rollback goes back to is named in the log and the summary.
import { describeTarget, type TargetRelease } from '../../src/model/rollback.js'

const release: TargetRelease = {
  sha: '0123456789abcdef0123456789abcdef01234567',
  ref: 'v1.4.2',
  deployment: '881',
  source: 'the Deployments API: deployment 881'
}

describe('the release a rollback goes back to', () => {
  test('is named by its short commit and its ref, and where it was learnt', () => {
    expect(describeTarget(release)).toBe('0123456789ab v1.4.2 from the Deployments API: deployment 881')
  })

  test('is named by whichever of commit and ref is known', () => {
    expect(describeTarget({ ...release, ref: null })).toBe(
      '0123456789ab from the Deployments API: deployment 881'
    )
    expect(describeTarget({ ...release, sha: null })).toBe('v1.4.2 from the Deployments API: deployment 881')
  })

  test('is "the release" when its source named neither commit nor ref', () => {
    expect(describeTarget({ ...release, sha: null, ref: null })).toBe(
      'the release from the Deployments API: deployment 881'
    )
  })

  test('is unknown, with the reason, when nothing named one', () => {
    expect(describeTarget({ ...release, source: null, note: 'no deployment succeeded yet' })).toBe(
      'an unknown release (no deployment succeeded yet)'
    )
    expect(describeTarget({ sha: null, ref: null, deployment: null, source: null })).toBe(
      'an unknown release (no source named one)'
    )
  })
})
