import type { FieldValue } from '../forms/form-template.js'
import { quoteValue } from './format-problem.js'
import { IMPACT_LEVELS, IMPACT_NAMES, type Impact } from './impact.js'
import { readText } from './read-field.js'

/** An impact level read from a form. */
export type ImpactResult = { ok: true; impact: Impact } | { ok: false; reason: string }

const ACCEPTED = `choose one of ${IMPACT_LEVELS.map((level) => IMPACT_NAMES[level]).join(', ')}`

/**
 * Reads the Impact dropdown: any of the form's options, or its leading word alone, in any case
 * (`Severe: fleetwide or critical path down`, `severe`, `HIGH: whatever`).
 */
export function parseImpact(value: FieldValue): ImpactResult {
  if (Array.isArray(value) && value.length > 1) {
    return {
      ok: false,
      reason: `${quoteValue(value.join(', '))} chooses ${value.length} levels; ${ACCEPTED}`,
    }
  }
  const text = readText(value)
  if (text === null) return { ok: false, reason: `no level chosen; ${ACCEPTED}` }
  const written = text.trim()
  const word = (written.split(/[:\s]/, 1)[0] ?? '').toLowerCase()
  const impact = IMPACT_LEVELS.find((level) => level === word)
  if (impact === undefined) {
    return { ok: false, reason: `${quoteValue(written)} is not an impact level; ${ACCEPTED}` }
  }
  return { ok: true, impact }
}
