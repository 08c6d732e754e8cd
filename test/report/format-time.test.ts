import { describe, expect, it } from 'vitest'
import { formatDateRange, formatDuration, formatTime } from '../../src/report/format-time.js'

describe('formatTime', () => {
  it('shows the instant in the zone with its abbreviation', () => {
    expect(formatTime('2024-04-24T16:30:00Z', 'America/New_York')).toEqual({
      date: 'Apr 24',
      time: '12:30',
      zone: 'EDT',
    })
    expect(formatTime('2024-11-10T14:45:00Z', 'America/New_York')).toEqual({
      date: 'Nov 10',
      time: '09:45',
      zone: 'EST',
    })
  })

  it('tells the two 01:30s of a fall-back night apart', () => {
    expect(formatTime('2024-11-03T05:30:00Z', 'America/New_York')).toEqual({
      date: 'Nov 3',
      time: '01:30',
      zone: 'EDT',
    })
    expect(formatTime('2024-11-03T06:30:00Z', 'America/New_York')).toEqual({
      date: 'Nov 3',
      time: '01:30',
      zone: 'EST',
    })
  })

  it('moves to the local day', () => {
    expect(formatTime('2024-10-30T01:50:00Z', 'America/New_York')).toEqual({
      date: 'Oct 29',
      time: '21:50',
      zone: 'EDT',
    })
    expect(formatTime('2024-04-24T23:59:00-04:00', 'UTC')).toEqual({
      date: 'Apr 25',
      time: '03:59',
      zone: 'UTC',
    })
  })

  it('uses the offset where English has no abbreviation for the zone', () => {
    expect(formatTime('2024-07-01T12:00:00Z', 'Europe/Berlin')).toEqual({
      date: 'Jul 1',
      time: '14:00',
      zone: 'GMT+2',
    })
    expect(formatTime('2024-01-15T12:00:00Z', 'Asia/Kolkata').zone).toBe('GMT+5:30')
    expect(formatTime('2024-01-15T12:00:00Z', 'Pacific/Auckland').zone).toBe('GMT+13')
  })

  it('refuses what is not an instant', () => {
    expect(() => formatTime('yesterday', 'UTC')).toThrow(/`yesterday`/)
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [4, '4m'],
    [45, '45m'],
    [59, '59m'],
    [60, '1h'],
    [90, '1h 30m'],
    [1439, '23h 59m'],
    [1440, '1d'],
    [1441, '1d'],
    [1500, '1d 1h'],
    [2850, '1d 23h'],
    [3120, '2d 4h'],
    [3150, '2d 4h'],
    [20 * 1440, '20d'],
  ])('%i minutes is %s', (minutes, shown) => {
    expect(formatDuration(minutes)).toBe(shown)
  })

  it('drops fractions and treats a negative as nothing', () => {
    expect(formatDuration(4.9)).toBe('4m')
    expect(formatDuration(-3)).toBe('0m')
  })
})

describe('formatDateRange', () => {
  it('shows the first and the last day; the end instant is not in the range', () => {
    expect(
      formatDateRange(
        { start: '2024-04-24T04:00:00Z', end: '2024-05-08T04:00:00Z' },
        'America/New_York',
      ),
    ).toBe('Apr 24 – May 7, 2024')
  })

  it('reads the days in the zone, across a daylight-saving change', () => {
    expect(
      formatDateRange(
        { start: '2024-10-30T04:00:00Z', end: '2024-11-13T05:00:00Z' },
        'America/New_York',
      ),
    ).toBe('Oct 30 – Nov 12, 2024')
  })

  it('shows one day once', () => {
    expect(
      formatDateRange({ start: '2024-05-07T00:00:00Z', end: '2024-05-08T00:00:00Z' }, 'UTC'),
    ).toBe('May 7, 2024')
  })

  it('shows both years across New Year', () => {
    expect(
      formatDateRange({ start: '2024-12-25T00:00:00Z', end: '2025-01-08T00:00:00Z' }, 'UTC'),
    ).toBe('Dec 25, 2024 – Jan 7, 2025')
  })
})
