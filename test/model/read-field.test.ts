import { describe, expect, it } from 'vitest'
import type { FieldValue } from '../../src/forms/form-template.js'
import { fieldValue, readList, readText } from '../../src/model/read-field.js'

describe('readText', () => {
  it.each<[FieldValue | undefined, string | null]>([
    ['  some text\n', '  some text\n'],
    ['', null],
    [' \n\t', null],
    [null, null],
    [undefined, null],
    [['API', 'DNS'], 'API, DNS'],
    [[], null],
    [{ selected: ['A', 'B'], unselected: ['C'] }, 'A, B'],
    [{ selected: [], unselected: ['C'] }, null],
  ])('%j reads as %j', (value, text) => {
    expect(readText(value)).toBe(text)
  })
})

describe('readList', () => {
  it.each<[FieldValue | undefined, string[]]>([
    [
      ['Request routing', ' DNS ', ''],
      ['Request routing', 'DNS'],
    ],
    ['API, Web dashboard,, ', ['API', 'Web dashboard']],
    [{ selected: ['A'], unselected: ['B'] }, ['A']],
    [null, []],
    [undefined, []],
  ])('%j reads as %j', (value, list) => {
    expect(readList(value)).toEqual(list)
  })
})

describe('fieldValue', () => {
  it('reads only the form’s own fields, never inherited properties', () => {
    const fields: Record<string, FieldValue> = { started: 'x' }
    expect(fieldValue(fields, 'started')).toBe('x')
    expect(fieldValue(fields, 'toString')).toBeUndefined()
    expect(fieldValue(fields, 'resolved')).toBeUndefined()
  })
})
