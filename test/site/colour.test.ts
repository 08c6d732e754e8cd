import { describe, expect, it } from 'vitest'
import { composite, contrastRatio, parseColour, relativeLuminance } from './colour.js'

describe('parseColour', () => {
  it('reads hex and the rgb()/rgba() forms browsers compute', () => {
    expect(parseColour('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 })
    expect(parseColour('#A50F15')).toEqual({ r: 165, g: 15, b: 21, a: 1 })
    expect(parseColour('rgb(27, 27, 31)')).toEqual({ r: 27, g: 27, b: 31, a: 1 })
    expect(parseColour('rgba(235, 235, 245, 0.6)')).toEqual({ r: 235, g: 235, b: 245, a: 0.6 })
    expect(parseColour('rgb(0 128 255 / 50%)')).toEqual({ r: 0, g: 128, b: 255, a: 0.5 })
  })

  it('refuses what it does not understand', () => {
    expect(() => parseColour('red')).toThrow('not a colour this check reads: `red`')
    expect(() => parseColour('rgb(1, 2)')).toThrow('not a colour')
  })
})

describe('contrast', () => {
  it('gives the WCAG extremes and a known pair', () => {
    const white = parseColour('#ffffff')
    const black = parseColour('#000000')
    expect(relativeLuminance(white)).toBe(1)
    expect(relativeLuminance(black)).toBe(0)
    expect(contrastRatio(black, white)).toBe(21)
    expect(contrastRatio(white, black)).toBe(21)
    // #767676 on white is the classic just-passing grey: 4.54.
    expect(contrastRatio(parseColour('#767676'), white)).toBeCloseTo(4.54, 2)
  })

  it('composites a translucent colour over its background', () => {
    const half = parseColour('rgba(255, 255, 255, 0.5)')
    expect(composite(half, parseColour('#000000'))).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 })
  })
})
