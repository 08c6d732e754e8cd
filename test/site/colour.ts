/** An sRGB colour with channels 0–255 and alpha 0–1. */
export type Rgba = { r: number; g: number; b: number; a: number }

/**
 * Reads a colour as browsers report computed styles (`rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)`,
 * `rgb(1 2 3 / 50%)`) or as SVG attributes (`#abc`, `#aabbcc`). Throws on anything else, so a
 * check never compares a colour it did not understand.
 */
export function parseColour(text: string): Rgba {
  const value = text.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1]
  if (hex !== undefined) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
    const channel = (i: number) => Number.parseInt(full.slice(i * 2, i * 2 + 2), 16)
    return { r: channel(0), g: channel(1), b: channel(2), a: 1 }
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(value)?.[1]
  if (fn !== undefined) {
    const parts = fn.split(/[\s,/]+/).filter((part) => part !== '')
    const [r, g, b, a] = parts.map((part, i) =>
      part.endsWith('%')
        ? (Number.parseFloat(part) / 100) * (i === 3 ? 1 : 255)
        : Number.parseFloat(part),
    )
    if (
      (parts.length === 3 || parts.length === 4) &&
      [r, g, b].every((c) => c !== undefined && Number.isFinite(c))
    ) {
      return { r: r as number, g: g as number, b: b as number, a: a ?? 1 }
    }
  }
  throw new Error(
    `not a colour this check reads: \`${text}\` (expected #rgb, #rrggbb, rgb() or rgba())`,
  )
}

/** WCAG 2 relative luminance of an opaque colour: 0 for black, 1 for white. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** WCAG 2 contrast ratio of two opaque colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ]
  return (light + 0.05) / (dark + 0.05)
}

/** `top` painted over the opaque `bottom`, as a browser composites a translucent colour. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a)
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 }
}
