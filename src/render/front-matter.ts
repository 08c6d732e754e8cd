import { stringify } from 'yaml'
import type { SitePreset } from '../inputs.js'

/** What a page tells its site generator about itself. */
export type FrontMatterParams = {
  site: SitePreset
  title: string
  /** `YYYY-MM-DD`; left out of the block when absent. */
  date?: string | undefined
  description: string
  /** A short name for navigation (Docusaurus' sidebar); the title when absent. */
  label?: string | undefined
}

type Fields = Record<string, unknown>

/**
 * The fields each preset writes, in this order:
 *
 * - `plain`: none; the page is plain markdown and opens with its own `#` heading.
 * - `jekyll`: `layout: page` (the layout every common theme has), `title`, `date`, and
 *   `description` for jekyll-seo-tag.
 * - `docusaurus`: `title`, `sidebar_label` (the short label), `description`, and
 *   `mdx.format: md`, which has Docusaurus read the page as CommonMark rather than MDX, where a
 *   `{` or the page's HTML comment markers would break the build. No `slug`: the file name
 *   (the as-of date) already makes a stable URL. Docs have no use for a date.
 * - `mkdocs`: `title` and `description`, the page metadata Material for MkDocs reads.
 * - `hugo`: `title`, `date`, `description`, and `draft: false` so the page is published.
 * - `vitepress`: `title`, `description`, and `outline: deep`, so the outline lists the
 *   post-mortem titles too.
 */
const PRESET_FIELDS: Record<SitePreset, (params: FrontMatterParams) => Fields | null> = {
  plain: () => null,
  jekyll: ({ title, date, description }) => ({ layout: 'page', title, date, description }),
  docusaurus: ({ title, label, description }) => ({
    title,
    sidebar_label: label ?? title,
    description,
    mdx: { format: 'md' },
  }),
  mkdocs: ({ title, description }) => ({ title, description }),
  hugo: ({ title, date, description }) => ({ title, date, description, draft: false }),
  vitepress: ({ title, description }) => ({ title, description, outline: 'deep' }),
}

/**
 * The front matter block for a site preset, followed by a blank line, so that a page is
 * `renderFrontMatter(...) + body`; an empty string for `plain`. The YAML is written by the
 * `yaml` package for YAML 1.1 readers (Jekyll's Psych, older Hugo), so any title is quoted
 * where it must be (`: `, `#`, a leading `-`, `yes`, `on`) and reads back as the same string.
 */
export function renderFrontMatter(params: FrontMatterParams): string {
  const fields = PRESET_FIELDS[params.site](params)
  if (fields === null) return ''
  const present = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  )
  return `---\n${stringify(present, { version: '1.1', lineWidth: 0 })}---\n\n`
}
