import { posix } from 'node:path'
import type { SitePreset } from '../inputs.js'
import type { Report } from '../report/report.js'
import { formatDateRange } from '../report/format-time.js'
import { renderIncidentDiagram } from './incident-diagram.js'
import { mergePage } from './merge-page.js'
import { renderFeed } from './render-feed.js'
import { readIndexEntries, renderIndex, type IndexEntry } from './render-index.js'
import { renderPage } from './render-page.js'

/** Where a report's files live under the output folder. */
export type ReportPaths = { page: string; diagram: string; index: string; feed: string }

/** The paths of the report for `asOf` under `outputDir` (a repository path, `/`-separated). */
export function reportPaths(outputDir: string, asOf: string): ReportPaths {
  const dir = posix
    .normalize(outputDir.replace(/\\/g, '/'))
    .replace(/^\.\/?$/, '')
    .replace(/\/+$/, '')
  const at = (name: string) => (dir === '' ? name : `${dir}/${name}`)
  return {
    page: at(`${asOf}.md`),
    diagram: at(`${asOf}-incidents.svg`),
    index: at('index.md'),
    feed: at('feed.xml'),
  }
}

/** The files of one report, merged with what is already there, and what the merge kept. */
export type RenderedFiles = {
  files: Map<string, string>
  paths: ReportPaths
  /** Generated sections a person edited, kept as they wrote them. */
  keptEdits: string[]
  /** Generated sections a person edited, overwritten because `overwrite-edits` is on. */
  overwritten: string[]
  /** Lines of the existing index that were not entries and were dropped from its generated region. */
  droppedIndexLines: string[]
}

/**
 * Renders the page, diagram, index and feed for a report, carrying over what people own in the
 * existing files (`existing` maps each path of `reportPaths` to its content, or null).
 */
export function renderReportFiles(params: {
  report: Report
  site: SitePreset
  intro: string
  outputDir: string
  /** `owner/name` the report is committed to: the feed links to its pages on GitHub. */
  repository?: string
  existing: Map<string, string | null>
  overwriteEdits: boolean
}): RenderedFiles {
  const { report, site, intro, existing, overwriteEdits } = params
  const paths = reportPaths(params.outputDir, report.window.asOf)
  const diagramFile = posix.basename(paths.diagram)

  const generatedPage = renderPage({ report, site, intro, diagramFile })
  const merged = mergePage({
    generated: generatedPage,
    existing: existing.get(paths.page) ?? null,
    overwriteEdits,
  })

  const existingIndex = existing.get(paths.index) ?? null
  const entry: IndexEntry = {
    asOf: report.window.asOf,
    title: formatDateRange(report.window.incidents, report.window.timezone),
    summary: describeReport(report),
    path: posix.basename(paths.page),
  }
  const previous = readIndexEntries(existingIndex)
  // renderIndex and renderFeed put the entries newest first themselves.
  const entries = [entry, ...previous.entries.filter((e) => e.asOf !== entry.asOf)]

  const files = new Map<string, string>([
    [paths.page, merged.content],
    [paths.diagram, renderIncidentDiagram(report)],
    [paths.index, renderIndex({ existing: existingIndex, entries, site })],
    [
      paths.feed,
      renderFeed({
        entries,
        ...(params.repository === undefined
          ? {}
          : {
              repository: params.repository,
              outputDir: posix.dirname(paths.page).replace(/^\.$/, ''),
            }),
      }),
    ],
  ])
  return {
    files,
    paths,
    keptEdits: merged.keptEdits,
    overwritten: merged.overwritten,
    droppedIndexLines: previous.dropped,
  }
}

function describeReport(report: Report): string {
  const { incidents, highlights } = report.totals
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return `${plural(incidents, 'incident')}, ${plural(highlights, 'highlight')}`
}
