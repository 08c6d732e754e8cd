// The example docs site: VitePress's default theme, nothing fetched from other hosts (no web
// fonts, analytics or search service), so it builds and renders offline.
import { copyFile, mkdir } from 'node:fs/promises'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type DefaultTheme } from 'vitepress'

/** Where infra-log writes its reports: `output-dir` of the action, `--out` of the CLI. */
const REPORTS_DIR = 'infra-log'
const siteRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const reportsPath = join(siteRoot, REPORTS_DIR)

/** One sidebar link per report page (`YYYY-MM-DD.md`), newest first. */
function reportLinks(): DefaultTheme.SidebarItem[] {
  if (!existsSync(reportsPath)) return []
  return readdirSync(reportsPath)
    .filter((name) => /^\d{4}-\d{2}-\d{2}\.md$/.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const date = name.slice(0, -'.md'.length)
      return { text: date, link: `/${REPORTS_DIR}/${date}` }
    })
}

export default defineConfig({
  lang: 'en-US',
  title: 'Example Infra',
  description: 'An example docs site that publishes a weekly infra log.',
  // Pages are served as `*.html`, so a plain static file server can host the build.
  cleanUrls: false,
  lastUpdated: false,
  themeConfig: {
    nav: [{ text: 'Infra log', link: `/${REPORTS_DIR}/` }],
    sidebar: {
      [`/${REPORTS_DIR}/`]: [
        {
          text: 'Infra log',
          items: [{ text: 'All reports', link: `/${REPORTS_DIR}/` }, ...reportLinks()],
        },
      ],
    },
  },
  // VitePress publishes markdown pages and the images they use; the Atom feed is neither, so it
  // is copied next to the index that links to it.
  async buildEnd(site) {
    const feed = join(reportsPath, 'feed.xml')
    if (!existsSync(feed)) return
    await mkdir(join(site.outDir, REPORTS_DIR), { recursive: true })
    await copyFile(feed, join(site.outDir, REPORTS_DIR, 'feed.xml'))
  },
})
