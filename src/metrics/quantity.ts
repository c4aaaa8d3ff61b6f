// Bounds of metric rules, written with units and compared with values in Prometheus base units:
// bytes, seconds, and ratios (a percentage is a ratio: 80% is 0.8, as node_exporter and cAdvisor
// ratios come out of PromQL).

export type UnitFamily = 'bytes' | 'seconds' | 'ratio' | 'number'

export interface Quantity {
  value: number
  family: UnitFamily
}

/** Units below the base unit divide, so that 70% is exactly 0.7 and 250ms exactly 0.25. */
const UNITS: Record<string, { factor: number; family: UnitFamily; divides?: true }> = {
  B: { factor: 1, family: 'bytes' },
  kB: { factor: 1e3, family: 'bytes' },
  KB: { factor: 1e3, family: 'bytes' },
  MB: { factor: 1e6, family: 'bytes' },
  GB: { factor: 1e9, family: 'bytes' },
  TB: { factor: 1e12, family: 'bytes' },
  KiB: { factor: 2 ** 10, family: 'bytes' },
  MiB: { factor: 2 ** 20, family: 'bytes' },
  GiB: { factor: 2 ** 30, family: 'bytes' },
  TiB: { factor: 2 ** 40, family: 'bytes' },
  ms: { factor: 1000, family: 'seconds', divides: true },
  s: { factor: 1, family: 'seconds' },
  m: { factor: 60, family: 'seconds' },
  h: { factor: 3600, family: 'seconds' },
  '%': { factor: 100, family: 'ratio', divides: true }
}

export const UNIT_NAMES = Object.keys(UNITS).join(', ')

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([A-Za-z%]*)$/i

/** `512MiB` → 536870912 bytes, `250ms` → 0.25 s, `80%` → 0.8; undefined when it is not a quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  const [, number, unit = ''] = QUANTITY.exec(text.trim()) ?? []
  if (number === undefined) return undefined
  if (unit === '') return { value: Number(number), family: 'number' }
  const known = UNITS[unit]
  if (!known) return undefined
  const value = known.divides ? Number(number) / known.factor : Number(number) * known.factor
  return { value, family: known.family }
}

/** A value in the unit family of its bound, for messages: 601 MiB, 83.2%, 1.5 s. */
export function formatQuantity(value: number, family: UnitFamily): string {
  if (!Number.isFinite(value)) return String(value)
  switch (family) {
    case 'bytes': {
      const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
      let index = 0
      while (Math.abs(value) >= 1024 && index < steps.length - 1) {
        value /= 1024
        index++
      }
      return `${round(value)} ${steps[index]}`
    }
    case 'ratio':
      return `${round(value * 100)}%`
    case 'seconds':
      return Math.abs(value) < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`
    case 'number':
      return round(value)
  }
}

/** Four significant digits, without trailing zeros. */
function round(value: number): string {
  return String(Number(value.toPrecision(4)))
}
