import { Feed } from 'feed'
import { compareIndexEntries, type IndexEntry } from './index-entry.js'
import { escapeXml, stripIllegalXmlChars } from './xml-escape.js'

const DEFAULT_TITLE = 'Infra Log'
const DEFAULT_OUTPUT_DIR = 'docs/infra-log'
/** The feed's `updated` when there is no report yet: a fixed instant, never the clock. */
const EPOCH = new Date(0)

/**
 * Renders `feed.xml`, an Atom 1.0 feed of the reports, newest first, with the `feed` package.
 * Every date comes from the entries (an entry is updated at 00:00Z of its as-of day; the feed at
 * its newest entry), so the same entries always give the same bytes.
 *
 * Links need an absolute base: `siteUrl` (the published folder that holds the pages and the
 * feed), else the pages on GitHub, `https://github.com/<repository>/blob/HEAD/<outputDir>/`.
 * With neither, entries link to their ids. Ids never depend on the base, so moving the site
 * does not make readers see every report again: `tag:github.com,2008:<repository>/infra-log/<asOf>`,
 * or `tag:infra-log,<asOf>:<path>` without a repository.
 */
export function renderFeed(params: {
  entries: IndexEntry[]
  siteUrl?: string
  feedTitle?: string
  /** `owner/name` */
  repository?: string
  /** The repository folder of the pages, for links to GitHub when there is no `siteUrl`. */
  outputDir?: string
}): string {
  const { repository } = params
  const entries = [...params.entries].sort(compareIndexEntries)
  const base = baseUrl(params)
  const newest = entries[0]
  const feed = new Feed({
    id:
      repository === undefined
        ? (base ?? 'tag:infra-log,1970-01-01:feed')
        : `tag:github.com,2008:${repository}/infra-log`,
    title: clean(params.feedTitle ?? DEFAULT_TITLE),
    updated: newest === undefined ? EPOCH : startOfDay(newest.asOf),
    generator: 'infra-log',
    ...links(base, params.siteUrl !== undefined),
    author: {
      name: clean(repository ?? params.feedTitle ?? DEFAULT_TITLE),
      ...(repository === undefined ? {} : { link: `https://github.com/${repository}` }),
    },
  })
  for (const entry of entries) {
    const id =
      repository === undefined
        ? `tag:infra-log,${entry.asOf}:${encodeURI(stripIllegalXmlChars(entry.path))}`
        : `tag:github.com,2008:${repository}/infra-log/${entry.asOf}`
    feed.addItem({
      id,
      // The package writes titles and summaries as `type="html"`: plain text goes in escaped.
      title: escapeXml(entry.title),
      ...(entry.summary === '' ? {} : { description: escapeXml(entry.summary) }),
      link:
        base === undefined ? id : new URL(encodeURI(stripIllegalXmlChars(entry.path)), base).href,
      date: startOfDay(entry.asOf),
    })
  }
  return `${feed.atom1()}\n`
}

/**
 * The feed's own links. A published site serves the index at the folder's URL and the feed
 * beside it; GitHub shows `index.md` as a page, and serves no file as a feed, so no `self`.
 */
function links(base: string | undefined, published: boolean) {
  if (base === undefined) return {}
  return published
    ? { link: base, feedLinks: { atom: new URL('feed.xml', base).href } }
    : { link: new URL('index.md', base).href }
}

function baseUrl(params: {
  siteUrl?: string
  repository?: string
  outputDir?: string
}): string | undefined {
  if (params.siteUrl !== undefined) return withTrailingSlash(params.siteUrl)
  if (params.repository === undefined) return undefined
  const dir = (params.outputDir ?? DEFAULT_OUTPUT_DIR).replace(/^\.?\/+|\/+$|^\.$/g, '')
  const path = dir === '' ? '' : `${encodeURI(dir)}/`
  return `https://github.com/${params.repository}/blob/HEAD/${path}`
}

function withTrailingSlash(url: string): string {
  const base = url.endsWith('/') ? url : `${url}/`
  if (!URL.canParse(base)) {
    throw new Error(
      `Feed site URL \`${url}\` is not an absolute URL (e.g. \`https://acme.github.io/platform/infra-log/\`)`,
    )
  }
  return base
}

function startOfDay(asOf: string): Date {
  const date = new Date(`${asOf}T00:00:00Z`)
  // The pattern keeps out other formats `Date` accepts; the round trip, days like Feb 30.
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(asOf) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === asOf
  if (!valid) {
    throw new Error(`Feed entry as-of \`${asOf}\` is not a \`YYYY-MM-DD\` date`)
  }
  return date
}

/** Text the package writes as XML text: characters XML 1.0 forbids are removed first. */
function clean(text: string): string {
  return stripIllegalXmlChars(text)
}
