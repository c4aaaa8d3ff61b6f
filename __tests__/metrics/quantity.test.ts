// Bounds with units, in the base units Prometheus uses, and values shown in the bound's unit.
import { formatQuantity, parseQuantity } from '../../src/metrics/quantity.js'

describe('a bound with a unit', () => {
  it.each([
    ['512MiB', 536_870_912, 'bytes'],
    ['1.5GB', 1.5e9, 'bytes'],
    ['80%', 0.8, 'ratio'],
    ['70%', 0.7, 'ratio'],
    ['250ms', 0.25, 'seconds'],
    ['2m', 120, 'seconds'],
    ['100', 100, 'number'],
    ['-1e3', -1000, 'number'],
    [' 80 % ', 0.8, 'ratio']
  ])('reads %s as %d (%s)', (text, value, family) => {
    expect(parseQuantity(text)).toStrictEqual({ value, family })
  })

  it.each(['90 percent', 'MiB', '', '5 parsecs', '1.2.3'])('refuses %j', text => {
    expect(parseQuantity(text)).toBeUndefined()
  })
})

describe('a value shown for a message', () => {
  it.each([
    [600 * 2 ** 20, 'bytes', '600 MiB'],
    [0.8321, 'ratio', '83.21%'],
    [0.25, 'seconds', '250 ms'],
    [90, 'seconds', '90 s'],
    [12.3456, 'number', '12.35'],
    [1023, 'bytes', '1023 B'],
    [1024, 'bytes', '1 KiB'],
    [1.5 * 2 ** 30, 'bytes', '1.5 GiB'],
    [-2048, 'bytes', '-2 KiB'],
    [2 ** 50, 'bytes', '1024 TiB'],
    [1, 'seconds', '1 s'],
    [-0.5, 'seconds', '-500 ms'],
    [-90, 'seconds', '-90 s'],
    [Infinity, 'bytes', 'Infinity'],
    [NaN, 'ratio', 'NaN']
  ] as const)('shows %d in %s as %s', (value, family, shown) => {
    expect(formatQuantity(value, family)).toBe(shown)
  })
})
