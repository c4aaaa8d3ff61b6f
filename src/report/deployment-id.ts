// The validation's id, `deploy_YYYYMMDD_HHMMSS` in UTC: sortable, readable, and the same in the
// report, the outputs and the artifact names.

export function deploymentId(date: Date): string {
  // toISOString is always UTC: `2026-03-04T05:06:07.089Z` -> `20260304_050607`.
  const iso = date.toISOString()
  return `deploy_${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`
}
