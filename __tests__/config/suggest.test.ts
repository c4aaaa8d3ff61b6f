// "Did you mean": how near a candidate must be to count as a typo, and how many comparisons one list
// of candidates may cost.
import { didYouMean, didYouMeanAmong, suggest } from '../../src/config/suggest.js'

describe('a suggestion', () => {
  it('is nothing when there are no candidates', () => {
    expect(suggest('api', [])).toBeUndefined()
  })

  it('for a word of up to four letters allows one edit', () => {
    expect(suggest('tme', ['time'])).toBe('time')
    expect(suggest('tame', ['time'])).toBe('time')
    expect(suggest('tamo', ['time'])).toBeUndefined()
  })

  it('for a longer word allows two edits in five letters, rounded up (three in seven)', () => {
    expect(suggest('rtery', ['retry'])).toBe('retry')
    expect(suggest('xxxry', ['retry'])).toBeUndefined()
    expect(suggest('tXmeXXt', ['timeout'])).toBe('timeout')
    expect(suggest('tmieuot', ['timeout'])).toBeUndefined()
  })

  it('reads as a question, or gives way to the fallback', () => {
    expect(didYouMean('timout', ['timeout', 'retry'], ': unknown')).toBe(": did you mean 'timeout'?")
    expect(didYouMean('zzzzzz', ['timeout', 'retry'], ': unknown')).toBe(': unknown')
  })
})

describe('the comparison budget of one list', () => {
  it('holds a million edit distances: the words after it get the fallback', () => {
    const candidates = Array.from({ length: 500_000 }, (_, index) => `service_${index}`)
    const among = didYouMeanAmong(candidates)
    expect(among('service_7x', ': unknown')).toBe(": did you mean 'service_7'?")
    expect(among('service_7x', ': unknown')).toBe(": did you mean 'service_7'?")
    expect(among('service_7x', ': unknown')).toBe(': unknown')
  })
})
