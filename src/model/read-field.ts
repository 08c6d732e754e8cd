import type { FieldValue } from '../forms/form-template.js'

/**
 * A field's value as one piece of text, or null when it is empty or blank.
 * Dropdowns and checkboxes read as their chosen options joined by `, `, so a template that
 * changed a field's type still yields something to check. Text comes back verbatim.
 */
export function readText(value: FieldValue | undefined): string | null {
  const text = Array.isArray(value)
    ? onlyStrings(value).join(', ')
    : isCheckboxes(value)
      ? onlyStrings(value.selected).join(', ')
      : typeof value === 'string'
        ? value
        : ''
  return text.trim() === '' ? null : text
}

/**
 * A field's value as a list: dropdown options as chosen, or text split on commas
 * (a body edited by hand turns a dropdown's `A, B` into text). Trimmed; empty items dropped.
 */
export function readList(value: FieldValue | undefined): string[] {
  const items = Array.isArray(value)
    ? onlyStrings(value)
    : isCheckboxes(value)
      ? onlyStrings(value.selected)
      : typeof value === 'string'
        ? value.split(',')
        : []
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

/** The value of `id` in a parsed form's fields, if the form has that field. */
export function fieldValue(fields: Record<string, FieldValue>, id: string): FieldValue | undefined {
  return Object.hasOwn(fields, id) ? fields[id] : undefined
}

function isCheckboxes(value: unknown): value is { selected: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { selected?: unknown }).selected)
  )
}

function onlyStrings(values: readonly unknown[]): string[] {
  return values.filter((item): item is string => typeof item === 'string')
}
