// The sample report published by Hugo and Jekyll (Debian's packages, installed when missing):
// a minimal site of each (test/site/fixtures/<generator>, the README's recipes) with the report
// rendered for its preset, built, and the built files read as a browser would follow them.
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentTitle, findImages, findLinks, visibleText } from './html-checks.js'
import {
  ensureDebianPackages,
  INSTALL_TIMEOUT_MS,
  REPO_ROOT,
  renderReport,
  runCommand,
} from './site-tools.js'

const FIXTURES = join(REPO_ROOT, 'test', 'site', 'fixtures')
const SAMPLE_TITLE = 'Infra Log: Oct 30 – Nov 12, 2024'
const SAMPLE_MENTIONS = ['@northwind-cloud/edge-oncall', '@soneill', '@mfernandez', '@tkowalski']
/** Both fixtures publish under a path, as a GitHub Pages project site does. */
const SITE_ORIGIN = 'https://example.org'
const BASE_PATH = '/infra/'

type Built = { publicDir: string; reportsDir: string }
type ReportJson = { incidents: { number: number }[] }

const workDirs: string[] = []

afterAll(async () => {
  for (const dir of workDirs) await rm(dir, { recursive: true, force: true })
})

/** Copies a fixture site, renders the sample into its `infra-log/` for `site`, and builds it. */
async function buildSite(params: {
  fixture: string
  site: string
  build: (siteDir: string, publicDir: string) => void
}): Promise<Built> {
  const siteDir = await mkdtemp(join(tmpdir(), `infra-log-${params.fixture}-`))
  workDirs.push(siteDir)
  await cp(join(FIXTURES, params.fixture), siteDir, { recursive: true })
  const reportsDir = join(siteDir, 'infra-log')
  renderReport(['--site', params.site, '--out', reportsDir])
  const publicDir = join(siteDir, 'public')
  params.build(siteDir, publicDir)
  return { publicDir, reportsDir }
}

/** The built file a URL on the site is served from; throws when there is none. */
async function fileFor(publicDir: string, url: URL): Promise<string> {
  expect(url.origin, `${url.href} is on the site`).toBe(SITE_ORIGIN)
  expect(url.pathname.startsWith(BASE_PATH), `${url.href} is under ${BASE_PATH}`).toBe(true)
  const relative = decodeURIComponent(url.pathname.slice(BASE_PATH.length))
  const path = join(
    publicDir,
    relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative,
  )
  const info = await stat(path).catch(() => null)
  if (info?.isFile() !== true) throw new Error(`${url.href} is not published: no file ${path}`)
  return path
}

/** What a reader gets from the report page, the index and the diagram, as built. */
function describePublishedReport(
  generator: string,
  built: () => Built,
  urls: { index: string; page: string },
): void {
  const indexUrl = new URL(urls.index, SITE_ORIGIN)
  const pageUrl = new URL(urls.page, SITE_ORIGIN)

  it(`${generator}: publishes the report page with its title and every incident`, async () => {
    const { publicDir, reportsDir } = built()
    const html = await readFile(await fileFor(publicDir, pageUrl), 'utf8')
    expect(documentTitle(html)).toContain(SAMPLE_TITLE)
    const text = visibleText(html)
    expect(text).toContain(SAMPLE_TITLE)
    expect(text).toContain('Trailing 2 Weeks Incidents')
    expect(text).toContain('This Week In Infra Engineering')
    // The markers that carry edits over stay invisible.
    expect(text).not.toContain('infra-log:')

    const report = JSON.parse(await readFile(join(reportsDir, 'report.json'), 'utf8')) as ReportJson
    const linkTexts = findLinks(html).map((link) => link.text)
    for (const incident of report.incidents) expect(linkTexts).toContain(`#${incident.number}`)
  })

  it(`${generator}: publishes the diagram where the page's img points`, async () => {
    const { publicDir, reportsDir } = built()
    const html = await readFile(await fileFor(publicDir, pageUrl), 'utf8')
    const diagrams = findImages(html).filter((image) =>
      image.alt.startsWith('Diagram of 11 incidents'),
    )
    expect(diagrams).toHaveLength(1)
    const svgFile = await fileFor(publicDir, new URL(diagrams[0]?.src ?? '', pageUrl))
    expect(await readFile(svgFile, 'utf8')).toBe(
      await readFile(join(reportsDir, '2024-11-12-incidents.svg'), 'utf8'),
    )
  })

  it(`${generator}: links the index to the report page and the feed`, async () => {
    const { publicDir } = built()
    const html = await readFile(await fileFor(publicDir, indexUrl), 'utf8')
    const links = findLinks(html)
    const report = links.find((link) => link.text === 'Oct 30 – Nov 12, 2024')
    expect(report, 'a link to the report').toBeDefined()
    expect(new URL(report?.href ?? '', indexUrl).href).toBe(pageUrl.href)
    const feed = links.find((link) => link.text === 'Atom feed')
    const feedFile = await fileFor(publicDir, new URL(feed?.href ?? '', indexUrl))
    expect(await readFile(feedFile, 'utf8')).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
  })

  it(`${generator}: shows mentions as text, linked to no profile`, async () => {
    const { publicDir } = built()
    const html = await readFile(await fileFor(publicDir, pageUrl), 'utf8')
    expect(findLinks(html).filter((link) => link.text.startsWith('@'))).toEqual([])
    const text = visibleText(html)
    for (const mention of SAMPLE_MENTIONS) expect(text).toContain(mention)
  })
}

describe('Hugo', () => {
  let built: Built | undefined
  beforeAll(async () => {
    ensureDebianPackages(['hugo'])
    built = await buildSite({
      fixture: 'hugo',
      site: 'hugo',
      build: (siteDir, publicDir) =>
        runCommand('hugo', ['--source', siteDir, '--destination', publicDir, '--quiet']),
    })
  }, INSTALL_TIMEOUT_MS)

  describePublishedReport('hugo', () => built as Built, {
    index: `${BASE_PATH}infra-log/`,
    page: `${BASE_PATH}infra-log/2024-11-12/`,
  })
})

describe('Jekyll', () => {
  let built: Built | undefined
  beforeAll(async () => {
    // minima brings jekyll-feed and jekyll-seo-tag; the two plugins are GitHub Pages' defaults.
    ensureDebianPackages([
      'jekyll',
      'jekyll-theme-minima',
      'ruby-jekyll-relative-links',
      'ruby-jekyll-mentions',
    ])
    built = await buildSite({
      fixture: 'jekyll',
      site: 'jekyll',
      build: (siteDir, publicDir) =>
        runCommand(
          'jekyll',
          ['build', '--source', siteDir, '--destination', publicDir, '--quiet'],
          {
            cwd: siteDir,
          },
        ),
    })
  }, INSTALL_TIMEOUT_MS)

  describePublishedReport('jekyll', () => built as Built, {
    index: `${BASE_PATH}infra-log/`,
    page: `${BASE_PATH}infra-log/2024-11-12.html`,
  })
})
