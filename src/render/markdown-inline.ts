/**
 * Neutralizes `@user` and `@org/team` mentions by putting a zero-width space after the `@`,
 * written as the HTML entity so that it survives editors and is visible in review:
 * GitHub renders `@&#8203;ana` as "@ana" without a link and without a notification.
 */
export function neutralizeMentions(markdown: string): string {
  return markdown.replace(/(^|[^\w`/])@(?=[A-Za-z0-9])/g, '$1@&#8203;')
}

/**
 * Breaks the openers of the template languages that static site generators run over a page
 * before or after markdown (`{{` and `{%` of Liquid in Jekyll, Jinja in MkDocs plugins, Hugo
 * shortcodes, Vue interpolation in VitePress, `{#` comments) with a zero-width space after the
 * `{`. A raw character, not an entity, so that it also works inside code and does not show in
 * review; the text reads the same.
 */
export function breakTemplateOpeners(text: string): string {
  return text.replace(/\{(?=[{%#])/g, '{\u200B')
}

/**
 * Makes untrusted plain text (a title, a name) safe inside one line of markdown:
 * HTML and markdown syntax are escaped, line breaks become spaces, mentions are neutralized,
 * template openers are broken, control characters (bidi overrides included) are dropped.
 */
export function inlineText(text: string): string {
  const flat = breakTemplateOpeners(
    text
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/\0/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\x01-\x08\x0B-\x1F\x7F\u202A-\u202E\u2066-\u2069]/g, ''),
  )
  const escaped = flat
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
  return neutralizeMentions(escaped)
}
