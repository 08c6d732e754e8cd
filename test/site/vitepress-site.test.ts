// The report as readers get it: the sample rendered into the example VitePress site
// (examples/site), built, served from 127.0.0.1 and opened in Debian's Chromium.
//
// Screenshots of the report (light and dark) are taken on every run into a temporary folder;
// with UPDATE=1 they are also written to docs/screenshots/, which the README embeds.
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMPACT_LEVELS, type Impact } from '../../src/model/impact.js'
import { composite, contrastRatio, parseColour, relativeLuminance, type Rgba } from './colour.js'
import {
  HOSTILE_AS_OF,
  HOSTILE_INCIDENT_TITLE,
  HOSTILE_ISSUES,
  HOSTILE_TIMEZONE,
  HOSTILE_VISIBLE_TEXTS,
} from './hostile-issues.js'
import {
  ensureDebianPackages,
  INSTALL_TIMEOUT_MS,
  REPO_ROOT,
  runCommandAsync,
} from './site-tools.js'
import { serveDirectory, type StaticServer } from './static-server.js'

/** Debian's Chromium; CHROMIUM_PATH points elsewhere on machines without apt. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Headless, no sandbox (tests run as root), and nothing that phones home. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
/** The fonts the diagram's font stack falls back to (Arial, Helvetica, sans-serif). */
const PACKAGES = ['chromium', 'fonts-dejavu-core', 'fonts-liberation']

const SITE_BUILD = join(REPO_ROOT, 'scripts', 'site-build.mjs')
const REPORT_PAGE = '/infra-log/2024-11-12.html'
const SAMPLE_TITLE = 'Infra Log: Oct 30 – Nov 12, 2024'
const SECTION_HEADINGS = [
  'Trailing 2 Weeks Incidents',
  'Post-mortems',
  'This Week In Infra Engineering',
]
/** The sample's mentions: shown as written, linked to no profile. */
const SAMPLE_MENTIONS = ['@northwind-cloud/edge-oncall', '@soneill', '@mfernandez', '@tkowalski']
const SCREENSHOT_WIDTH = 1280
const MAX_SCREENSHOT_BYTES = 500 * 1024

type ReportJson = {
  incidents: { number: number; title: string; impact: Impact; durationMinutes: number }[]
}

/** The few browser globals the page-side functions below use (the tsconfig has no DOM lib). */
type BrowserGlobals = {
  getComputedStyle: (element: unknown) => { color: string; backgroundColor: string; fill: string }
  document: {
    createElement: (tag: 'canvas') => {
      width: number
      height: number
      getContext: (kind: '2d') => {
        drawImage: (image: unknown, x: number, y: number) => void
        getImageData: (x: number, y: number, w: number, h: number) => { data: ArrayLike<number> }
      } | null
    }
  }
}
type ElementNode = { parentElement: ElementNode | null }
type ImageElement = ElementNode & { naturalWidth: number; naturalHeight: number; complete: boolean }

let workDir = ''
let browser: Browser
let example: StaticServer
let hostile: StaticServer
let report: ReportJson

beforeAll(async () => {
  if (process.env.CHROMIUM_PATH === undefined) ensureDebianPackages(PACKAGES)
  workDir = await mkdtemp(join(tmpdir(), 'infra-log-site-'))

  // The example site as `npm run site:build` builds it, and the same site built from hostile
  // issues; both in a temporary folder, so a run never pulls a site from under another run.
  const exampleSite = join(workDir, 'example-site')
  const hostileSite = join(workDir, 'hostile-site')
  const issuesFile = join(workDir, 'hostile-issues.json')
  await writeFile(issuesFile, JSON.stringify(HOSTILE_ISSUES))
  await runCommandAsync(process.execPath, [SITE_BUILD, '--install-only'])
  await Promise.all([
    buildSite(exampleSite, []),
    buildSite(hostileSite, [
      '--issues',
      issuesFile,
      '--as-of',
      HOSTILE_AS_OF,
      '--timezone',
      HOSTILE_TIMEZONE,
    ]),
  ])
  report = JSON.parse(
    await readFile(join(exampleSite, 'infra-log', 'report.json'), 'utf8'),
  ) as ReportJson

  example = await serveDirectory(join(exampleSite, '.vitepress', 'dist'))
  hostile = await serveDirectory(join(hostileSite, '.vitepress', 'dist'))
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
}, INSTALL_TIMEOUT_MS)

/** `npm run site:build` into `siteDir`: the example site with reports rendered by `renderFlags`. */
async function buildSite(siteDir: string, renderFlags: string[]): Promise<void> {
  await runCommandAsync(process.execPath, [SITE_BUILD, '--site-dir', siteDir, '--', ...renderFlags])
}

afterAll(async () => {
  await browser?.close()
  await example?.close()
  await hostile?.close()
  if (workDir !== '') await rm(workDir, { recursive: true, force: true })
})

/** A page that records every console error, uncaught exception and failed or off-host request. */
async function openPage(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  await page.route('**/*', async (route) => {
    const { hostname } = new URL(route.request().url())
    if (hostname === '127.0.0.1') return route.continue()
    problems.push(`request to another host: ${route.request().url()}`)
    return route.abort()
  })
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`))
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  )
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  const response = await page.goto(url, { waitUntil: 'networkidle' })
  expect(response?.status(), url).toBe(200)
  return { page, problems }
}

async function newContext(colorScheme: 'light' | 'dark'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: SCREENSHOT_WIDTH, height: 900 },
    deviceScaleFactor: 1,
    colorScheme,
  })
}

/** Text as read, without the zero-width spaces that neutralize mentions and template openers. */
function readable(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function diagramImage(page: Page): Locator {
  return page.locator('.vp-doc img[src$=".svg"]')
}

async function imageLoaded(image: Locator): Promise<{ width: number; height: number }> {
  return image.evaluate((element: ImageElement) => ({
    width: element.complete ? element.naturalWidth : 0,
    height: element.complete ? element.naturalHeight : 0,
  }))
}

/** The colour a reader sees behind an element: its backgrounds composited from the root down. */
async function effectiveBackground(element: Locator): Promise<Rgba> {
  const layers = await element.evaluate((start: ElementNode) => {
    const { getComputedStyle } = globalThis as unknown as BrowserGlobals
    const colours: string[] = []
    for (let node: ElementNode | null = start; node !== null; node = node.parentElement) {
      colours.push(getComputedStyle(node).backgroundColor)
    }
    return colours
  })
  return layers
    .reverse()
    .map(parseColour)
    .reduce((below, layer) => composite(layer, below), parseColour('#ffffff'))
}

async function textContrast(element: Locator): Promise<number> {
  const colour = await element.evaluate(
    (node) => (globalThis as unknown as BrowserGlobals).getComputedStyle(node).color,
  )
  const background = await effectiveBackground(element)
  return contrastRatio(composite(parseColour(colour), background), background)
}

/** The colour of one pixel of a loaded same-origin image, as drawn at its natural size. */
async function imagePixel(image: Locator, x: number, y: number): Promise<Rgba> {
  const [r, g, b, a] = await image.evaluate(
    (element: ImageElement, [px, py]) => {
      const { document } = globalThis as unknown as BrowserGlobals
      const canvas = document.createElement('canvas')
      canvas.width = element.naturalWidth
      canvas.height = element.naturalHeight
      const context = canvas.getContext('2d')
      if (context === null) return [0, 0, 0, 0]
      context.drawImage(element, 0, 0)
      return Array.from(context.getImageData(px, py, 1, 1).data)
    },
    [x, y] as const,
  )
  return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: (a ?? 0) / 255 }
}

async function screenshotReport(page: Page, name: string): Promise<void> {
  // The top of the page down to just below the diagram and its legend: the whole page is
  // several screens of text and would make the committed picture large.
  const box = await diagramImage(page).boundingBox()
  if (box === null) throw new Error('the diagram is not on the page')
  const height = Math.ceil(box.y + box.height + 120)
  const path = join(workDir, name)
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: 0, width: SCREENSHOT_WIDTH, height },
  })
  expect((await stat(path)).size, `${name} must stay small enough to commit`).toBeLessThan(
    MAX_SCREENSHOT_BYTES,
  )
  if (process.env.UPDATE === '1') {
    const docs = join(REPO_ROOT, 'docs', 'screenshots')
    await mkdir(docs, { recursive: true })
    await copyFile(path, join(docs, name))
  }
}

describe('the example VitePress site', () => {
  it('links from the home page to the infra log, and from there to the report and its feed', async () => {
    const context = await newContext('light')
    const { page, problems } = await openPage(context, `${example.origin}/`)
    await page.locator('.vp-doc a', { hasText: 'infra log' }).click()
    await page.waitForURL(`${example.origin}/infra-log/`)
    await page.locator('.vp-doc a', { hasText: 'Oct 30 – Nov 12, 2024' }).click()
    await page.waitForURL(`${example.origin}${REPORT_PAGE}`)
    await page.locator('.vp-doc h1', { hasText: SAMPLE_TITLE }).waitFor()

    const feed = await page.request.get(`${example.origin}/infra-log/feed.xml`)
    expect(feed.status()).toBe(200)
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the report: title, sections, every incident, the diagram, and no errors', async () => {
    const context = await newContext('light')
    const { page, problems } = await openPage(context, `${example.origin}${REPORT_PAGE}`)

    expect(readable(await page.locator('.vp-doc h1').innerText())).toBe(SAMPLE_TITLE)
    const headings = (await page.locator('.vp-doc h2').allInnerTexts()).map(readable)
    expect(headings).toEqual(SECTION_HEADINGS)

    const issueLinks = (await page.locator('.vp-doc a[href*="/issues/"]').allInnerTexts()).map(
      readable,
    )
    for (const incident of report.incidents) expect(issueLinks).toContain(`#${incident.number}`)

    const image = diagramImage(page)
    await expect.poll(() => image.count()).toBe(1)
    const natural = await imageLoaded(image)
    expect(natural.width).toBeGreaterThan(0)
    const shown = await image.boundingBox()
    // Shown at least two thirds of its natural size, so the smallest boxes stay visible.
    expect(shown?.width ?? 0).toBeGreaterThanOrEqual((natural.width * 2) / 3)
    expect(problems).toEqual([])
    await context.close()
  })

  it('draws one box per incident, sized by duration, shaded by impact, each with a title', async () => {
    const context = await newContext('light')
    const { page } = await openPage(context, `${example.origin}${REPORT_PAGE}`)
    const src = await diagramImage(page).getAttribute('src')
    expect(src).toMatch(/\.svg$/)
    const { page: svg, problems } = await openPage(context, new URL(src ?? '', page.url()).href)

    expect(await svg.locator('script, foreignObject, [onload], [href^="http"]').count()).toBe(0)
    const rects = svg.locator('rect.incident')
    const boxes = []
    for (const rect of await rects.all()) {
      const bounds = await rect.boundingBox()
      const fill = await rect.evaluate(
        (node) => (globalThis as unknown as BrowserGlobals).getComputedStyle(node).fill,
      )
      boxes.push({
        number: Number(await rect.getAttribute('data-number')),
        minutes: Number(await rect.getAttribute('data-minutes')),
        impact: (await rect.getAttribute('data-impact')) as Impact,
        area: (bounds?.width ?? 0) * (bounds?.height ?? 0),
        luminance: relativeLuminance(parseColour(fill)),
        title: readable((await rect.locator('xpath=..').locator('title').textContent()) ?? ''),
      })
    }

    expect(boxes.map((b) => b.number).sort()).toEqual(report.incidents.map((i) => i.number).sort())
    for (const incident of report.incidents) {
      const box = boxes.find((b) => b.number === incident.number)
      expect(box?.impact).toBe(incident.impact)
      expect(box?.minutes).toBe(incident.durationMinutes)
      expect(box?.title).toContain(`#${incident.number}`)
      expect(box?.area ?? 0).toBeGreaterThan(0)
    }
    const impactRank = (impact: Impact) => IMPACT_LEVELS.indexOf(impact)
    for (const a of boxes) {
      for (const b of boxes) {
        // Longer never smaller (clamping makes ties), equal durations equal boxes.
        if (a.minutes < b.minutes)
          expect(a.area, `#${a.number} vs #${b.number}`).toBeLessThanOrEqual(b.area + 0.5)
        if (a.minutes === b.minutes) expect(a.area).toBeCloseTo(b.area, 0)
        // More impact always darker, the same impact the same shade.
        if (impactRank(a.impact) < impactRank(b.impact)) {
          expect(a.luminance, `#${a.number} vs #${b.number}`).toBeGreaterThan(b.luminance)
        }
        if (a.impact === b.impact) expect(a.luminance).toBe(b.luminance)
      }
    }
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows mentions as text and links none of them to a profile', async () => {
    const context = await newContext('light')
    const { page } = await openPage(context, `${example.origin}${REPORT_PAGE}`)
    const linkTexts = (await page.locator('a').allInnerTexts()).map(readable)
    expect(linkTexts.filter((text) => text.startsWith('@'))).toEqual([])
    const profileLinks = (await page.locator('a[href*="github.com/"]').allInnerTexts()).map(
      readable,
    )
    expect(profileLinks.filter((text) => text.startsWith('@'))).toEqual([])
    const text = readable(await page.locator('.vp-doc').innerText())
    for (const mention of SAMPLE_MENTIONS) expect(text).toContain(mention)
    await context.close()
  })

  it('runs nothing from hostile issue text and shows it as text', async () => {
    const context = await newContext('light')
    const { page, problems } = await openPage(context, `${hostile.origin}${REPORT_PAGE}`)
    await page.waitForTimeout(200)
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()
    const injected = '.vp-doc :is(script, iframe, svg, img[src="x"], [onerror], [onload], [srcdoc])'
    expect(await page.locator(injected).count()).toBe(0)
    expect(await page.locator('.vp-doc a[href^="javascript:"]').count()).toBe(0)
    const text = readable(await page.locator('.vp-doc').innerText())
    for (const hostileText of HOSTILE_VISIBLE_TEXTS) expect(text).toContain(readable(hostileText))
    expect(problems).toEqual([])

    const src = await diagramImage(page).getAttribute('src')
    const { page: svg, problems: svgProblems } = await openPage(
      context,
      new URL(src ?? '', page.url()).href,
    )
    expect(await svg.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await svg.locator('script, foreignObject, [onerror], [onload]').count()).toBe(0)
    const title = await svg
      .locator('rect.incident')
      .locator('xpath=..')
      .locator('title')
      .textContent()
    expect(title).toContain(HOSTILE_INCIDENT_TITLE.slice(0, 40))
    expect(svgProblems).toEqual([])
    await context.close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`is readable in the ${scheme} theme, the diagram on its own panel`, async () => {
      const context = await newContext(scheme)
      const { page, problems } = await openPage(context, `${example.origin}${REPORT_PAGE}`)
      const html = page.locator('html')
      expect(
        await html.evaluate((node, dark) => {
          const list = (node as unknown as { classList: { contains: (c: string) => boolean } })
            .classList
          return list.contains('dark') === dark
        }, scheme === 'dark'),
      ).toBe(true)

      const intro = page.locator('.vp-doc p', { hasText: 'A note on incidents' })
      expect(await textContrast(intro)).toBeGreaterThanOrEqual(4.5)
      const entry = page.locator('.vp-doc li').first()
      expect(await textContrast(entry)).toBeGreaterThanOrEqual(4.5)

      // The panel's corner, just inside its border, against the page around the image.
      const image = diagramImage(page)
      await image.scrollIntoViewIfNeeded()
      expect(await image.isVisible()).toBe(true)
      expect((await imageLoaded(image)).width).toBeGreaterThan(0)
      const panel = await imagePixel(image, 12, 12)
      expect(panel.a).toBe(1)
      const around = await effectiveBackground(image)
      const panelContrast = contrastRatio(panel, around)
      if (scheme === 'dark') expect(panelContrast).toBeGreaterThanOrEqual(3)
      else expect(relativeLuminance(panel)).toBeGreaterThan(0.9)

      await screenshotReport(page, `report-${scheme}.png`)
      expect(problems).toEqual([])
      await context.close()
    })
  }
})
