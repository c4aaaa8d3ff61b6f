import { deploymentId, gitInfo } from '../../src/model/run-identity.js'

const runner = {
  GITHUB_SHA: 'merge0000',
  GITHUB_REF: 'refs/pull/7/merge',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '99',
  GITHUB_SERVER_URL: 'https://github.com'
}

test('on a pull request the commit is the head of the PR, not the merge commit', () => {
  expect(gitInfo(runner, { pull_request: { number: 7, head: { sha: 'head1111' } } })).toEqual({
    sha: 'head1111',
    ref: 'refs/pull/7/merge',
    repository: 'acme/shop',
    run_id: '99',
    run_url: 'https://github.com/acme/shop/actions/runs/99',
    pull_request: 7
  })
})

test('on a push the commit is GITHUB_SHA and there is no pull request', () => {
  expect(gitInfo(runner, { ref: 'refs/heads/main' })).toMatchObject({ sha: 'merge0000', pull_request: null })
})

test('outside GitHub Actions every field is null', () => {
  expect(gitInfo({}, undefined)).toEqual({
    sha: null,
    ref: null,
    repository: null,
    run_id: null,
    run_url: null,
    pull_request: null
  })
})

describe('deploymentId', () => {
  it('is deploy_YYYYMMDD_HHMMSS in UTC', () => {
    expect(deploymentId(new Date('2026-03-04T05:06:07.890Z'))).toBe('deploy_20260304_050607')
  })

  it('does not depend on the offset the date was written in', () => {
    expect(deploymentId(new Date('2026-12-31T23:30:00-02:00'))).toBe('deploy_20270101_013000')
  })
})

test('a run link needs both the repository and the run id, and defaults to github.com', () => {
  expect(gitInfo({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '9' }, undefined).run_url).toBe(
    'https://github.com/acme/shop/actions/runs/9'
  )
  expect(gitInfo({ GITHUB_REPOSITORY: 'acme/shop' }, undefined).run_url).toBeNull()
  expect(gitInfo({ GITHUB_RUN_ID: '9' }, undefined).run_url).toBeNull()
  // A pull request event without a head keeps the run's own commit.
  expect(gitInfo({ GITHUB_SHA: 'abc' }, { pull_request: { number: 3 } }).sha).toBe('abc')
})
