// The security rules and what each level makes of a broken one. A rule's name is `<area>.<name>`,
// the area being the key of the `security:` section that configures it; the short name is the key
// that overrides the level's choice inside that area (`headers: { content-security-policy: warn }`).

export const SECURITY_LEVELS = ['local', 'staging', 'production'] as const
export type SecurityLevel = (typeof SECURITY_LEVELS)[number]

export const RULE_ACTIONS = ['fail', 'warn', 'ignore'] as const
export type RuleAction = (typeof RULE_ACTIONS)[number]

type ByLevel = Record<SecurityLevel, RuleAction>
const LENIENT: ByLevel = { local: 'warn', staging: 'fail', production: 'fail' }
const HARDENING: ByLevel = { local: 'ignore', staging: 'warn', production: 'fail' }

export const SECURITY_RULES = {
  'tls.trusted': LENIENT,
  'tls.hostname': LENIENT,
  'tls.expiry': LENIENT,
  'tls.protocol': HARDENING,
  'cors.disallowed-origin': LENIENT,
  'cors.reflected-origin': LENIENT,
  'cors.wildcard-credentials': LENIENT,
  'headers.strict-transport-security': HARDENING,
  'headers.x-content-type-options': HARDENING,
  'headers.frame-protection': HARDENING,
  'headers.content-security-policy': HARDENING,
  'headers.referrer-policy': HARDENING,
  'headers.version-leak': HARDENING,
  'auth_required.open': LENIENT,
  'ports.unexpected-open': LENIENT
} as const satisfies Record<string, ByLevel>

export type RuleName = keyof typeof SECURITY_RULES
export const RULE_NAMES = Object.keys(SECURITY_RULES) as RuleName[]

export type SecurityArea = 'tls' | 'cors' | 'headers' | 'auth_required' | 'ports'

/** The rules of one `security:` area: `tls` -> tls.trusted, tls.hostname, ... */
export function rulesOfArea(area: SecurityArea): RuleName[] {
  return RULE_NAMES.filter(rule => rule.startsWith(`${area}.`))
}

export type RuleOverrides = Partial<Record<RuleName, RuleAction>>

/** What a broken rule does at `level`, unless the configuration overrides it by name. */
export function actionFor(rule: RuleName, level: SecurityLevel, overrides: RuleOverrides = {}): RuleAction {
  return overrides[rule] ?? SECURITY_RULES[rule][level]
}
