import * as z from 'zod'

/** A labelled issue that could not be used, with every reason why. */
export const SkippedSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  repository: z.string().optional(),
  /** The label that made it a candidate: the incident or the highlight label. */
  label: z.string(),
  title: z.string(),
  reasons: z.array(z.string()).min(1),
})

/** A labelled issue that could not be used. */
export type Skipped = z.infer<typeof SkippedSchema>

/** The outcome of turning one issue into an entry. */
export type Conversion<T> = { ok: true; value: T } | { ok: false; reasons: string[] }
