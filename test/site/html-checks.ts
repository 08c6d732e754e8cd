// Just enough HTML reading for the site generator tests: the pages are our own output, built by
// a generator from markdown, so attribute values are always double-quoted.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes the character references a generator writes (named basics, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    }
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** The text a reader sees: no comments, scripts, styles or tags, references decoded. */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function attribute(tag: string, name: string): string | null {
  const value = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1]
  return value === undefined ? null : decodeEntities(value)
}

/** Every `<img>`: its `src` and `alt`. */
export function findImages(html: string): { src: string; alt: string }[] {
  return [...html.matchAll(/<img\b[^>]*>/gi)].map(([tag]) => ({
    src: attribute(tag, 'src') ?? '',
    alt: attribute(tag, 'alt') ?? '',
  }))
}

/** Every `<a href>`: its target and its visible text. */
export function findLinks(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)].flatMap(([, attributes, inner]) => {
    const href = attribute(attributes ?? '', 'href')
    return href === null ? [] : [{ href, text: visibleText(inner ?? '') }]
  })
}

/** The content of `<title>`. */
export function documentTitle(html: string): string {
  return visibleText(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '')
}
