import { HIGHLIGHT_TEMPLATE_YAML, INCIDENT_TEMPLATE_YAML } from './default-templates.js'
import type { FormTemplate } from './form-template.js'
import { parseFormTemplate } from './parse-form-template.js'

/** The two forms infra-log ships in `.github/ISSUE_TEMPLATE/`. */
export type ShippedFormKind = 'incident' | 'highlight'

const cache = new Map<ShippedFormKind, FormTemplate>()

/** The shipped Incident or Highlight form, parsed once from the YAML embedded at build time. */
export function shippedTemplate(kind: ShippedFormKind): FormTemplate {
  const cached = cache.get(kind)
  if (cached !== undefined) return cached
  const template =
    kind === 'incident'
      ? parseFormTemplate(INCIDENT_TEMPLATE_YAML, 'incident.yml')
      : parseFormTemplate(HIGHLIGHT_TEMPLATE_YAML, 'highlight.yml')
  cache.set(kind, template)
  return template
}
