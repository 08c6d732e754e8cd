import * as z from 'zod'

/** The five impact levels, least to most severe; the index is the diagram's shade step. */
export const IMPACT_LEVELS = ['none', 'low', 'moderate', 'high', 'severe'] as const

/** One impact level. */
export const ImpactSchema = z.enum(IMPACT_LEVELS)

/** One impact level. */
export type Impact = z.infer<typeof ImpactSchema>

/** How each level reads in the report. */
export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'no customer impact',
  low: 'low impact',
  moderate: 'moderate impact',
  high: 'high impact',
  severe: 'severe impact',
}

/** The level's name with a capital, as in the form's options. */
export const IMPACT_NAMES: Record<Impact, string> = {
  none: 'None',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  severe: 'Severe',
}
