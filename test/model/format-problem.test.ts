import { describe, expect, it } from 'vitest'
import { fieldReason, quoteValue } from '../../src/model/format-problem.js'

describe('quoteValue', () => {
  it.each([
    ['45m', '"45m"'],
    ['', '""'],
    ['a'.repeat(60), `"${'a'.repeat(60)}"`],
    ['a'.repeat(61), `"${'a'.repeat(60)}…"`],
    ['a'.repeat(2_000_000), `"${'a'.repeat(60)}…"`],
    ['line one\r\nline two\nthree', '"line one line two three"'],
    ['tab\there', '"tab here"'],
    ['nul\u0000bell\u0007', '"nul\uFFFDbell\uFFFD"'],
    ['rtl \u202Eevil', '"rtl \uFFFDevil"'],
    ['🚀'.repeat(61), `"${'🚀'.repeat(60)}…"`],
  ])('quotes %j as %j', (value, quoted) => {
    expect(quoteValue(value)).toBe(quoted)
  })
})

describe('fieldReason', () => {
  it('puts the label first', () => {
    expect(fieldReason('Started', 'missing')).toBe('Started: missing')
  })
})
