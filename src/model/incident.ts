import * as z from 'zod'
import { ImpactSchema } from './impact.js'

/** How an incident's end was known. */
export const EndSourceSchema = z.enum(['resolved', 'duration', 'closed_at', 'ongoing'])

/** One usable incident, from one issue. Times are ISO 8601 instants in UTC (`2024-04-24T16:30:00Z`). */
export const IncidentSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  /** `owner/name` when the report spans several repositories. */
  repository: z.string().optional(),
  /** The issue title without a leading `[Incident]:`-style prefix. */
  title: z.string(),
  author: z.string(),
  started: z.string(),
  /** null while the incident is ongoing. */
  ended: z.string().nullable(),
  endSource: EndSourceSchema,
  impact: ImpactSchema,
  services: z.array(z.string()),
  regions: z.array(z.string()),
  /** Markdown source, verbatim from the form. */
  summary: z.string(),
  customerImpact: z.string().nullable(),
  postmortem: z.string().nullable(),
  /** Things a filer should know that do not make the issue unusable (an ambiguous local time). */
  notes: z.array(z.string()),
})

/** One usable incident. */
export type Incident = z.infer<typeof IncidentSchema>
