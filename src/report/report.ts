import * as z from 'zod'
import { HighlightSchema } from '../model/highlight.js'
import { IMPACT_LEVELS } from '../model/impact.js'
import { IncidentSchema } from '../model/incident.js'
import { SkippedSchema } from '../model/skipped.js'

/** A half-open span of time, `[start, end)`, as ISO 8601 instants in UTC. */
export const SpanSchema = z.object({ start: z.string(), end: z.string(), days: z.number().int() })

/** The two trailing windows a report covers; both end at the midnight that closes `asOf`. */
export const WindowSchema = z.object({
  /** `YYYY-MM-DD` */
  asOf: z.string(),
  /** IANA zone the windows and all shown times are computed in. */
  timezone: z.string(),
  incidents: SpanSchema,
  highlights: SpanSchema,
})

/** The report's windows. */
export type Window = z.infer<typeof WindowSchema>

/** An incident as the report shows it. */
export const ReportIncidentSchema = IncidentSchema.extend({
  /** Whole minutes from start to end; an ongoing incident counts up to the window's end. */
  durationMinutes: z.number(),
  ongoing: z.boolean(),
})

/** An incident as the report shows it. */
export type ReportIncident = z.infer<typeof ReportIncidentSchema>

/** Counts per impact level and the total duration. */
export const TotalsSchema = z.object({
  incidents: z.number().int(),
  byImpact: z.object(
    Object.fromEntries(IMPACT_LEVELS.map((level) => [level, z.number().int()])) as {
      [K in (typeof IMPACT_LEVELS)[number]]: z.ZodNumber
    },
  ),
  incidentMinutes: z.number(),
  highlights: z.number().int(),
  skipped: z.number().int(),
})

/** The aggregated report: what the page, the diagram, the pull request and `report-json` are made from. */
export const ReportSchema = z.object({
  window: WindowSchema,
  /** In start order, then issue number. */
  incidents: z.array(ReportIncidentSchema),
  /** In shipped order, then issue number. */
  highlights: z.array(HighlightSchema),
  /** In issue order (repository, then number). */
  skipped: z.array(SkippedSchema),
  totals: TotalsSchema,
})

/** The aggregated report. */
export type Report = z.infer<typeof ReportSchema>
