import { deploymentId } from '../../src/report/deployment-id.js'

describe('deploymentId', () => {
  it('is deploy_YYYYMMDD_HHMMSS in UTC', () => {
    expect(deploymentId(new Date('2026-03-04T05:06:07.890Z'))).toBe('deploy_20260304_050607')
  })

  it('does not depend on the offset the date was written in', () => {
    expect(deploymentId(new Date('2026-12-31T23:30:00-02:00'))).toBe('deploy_20270101_013000')
  })
})
