import * as z from 'zod'

/** One usable highlight, from one issue. */
export const HighlightSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  repository: z.string().optional(),
  /** The project's name: the issue title. */
  title: z.string(),
  author: z.string(),
  /** Names or `@handles`, as written; the author when the field is empty. */
  who: z.array(z.string()),
  /** Markdown source, verbatim. */
  summary: z.string(),
  /** The day it shipped, `YYYY-MM-DD`, in the configured time zone. */
  shipped: z.string(),
  /** Markdown source of the Links field, verbatim. */
  links: z.string().nullable(),
  notes: z.array(z.string()),
})

/** One usable highlight. */
export type Highlight = z.infer<typeof HighlightSchema>
