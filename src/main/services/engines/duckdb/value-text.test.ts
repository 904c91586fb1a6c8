import { DuckDBDateValue, DuckDBDecimalValue, DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { cellConverter, dateText, decimalText, timestampText, toCell } from './duck-types'

/** The fast decimal, date and timestamp texts must be exactly what DuckDB's own value classes print, or step aside (null). */
describe('DuckDB decimal, date and timestamp text', () => {
  it('prints decimals of every scale as DuckDB does', () => {
    for (const scale of [0, 1, 2, 3, 9, 18, 30, 38]) {
      const values = [0n, 1n, -1n, 5n, -5n, 10n ** BigInt(scale), -(10n ** BigInt(scale)), 10n ** 37n, -(10n ** 37n) + 1n]
      for (let i = 0; i < 2_000; i++) values.push(BigInt(Math.floor((Math.random() * 2 - 1) * 10 ** Math.floor(Math.random() * 16))) * 10n ** BigInt(Math.floor(Math.random() * 20)))
      for (const v of values) expect(decimalText(v, scale)).toBe(new DuckDBDecimalValue(v, 38, scale).toString())
    }
  })

  it('prints every date of years 1 to 9999 as DuckDB does, and leaves the rest to DuckDB', () => {
    const days = [-719_163, -719_162, -1, 0, 1, 59, 60, 11_016, 2_932_896, 2_932_897, DuckDBDateValue.PosInf.days, -DuckDBDateValue.PosInf.days]
    for (let i = 0; i < 20_000; i++) days.push(Math.floor(Math.random() * 3_700_000) - 750_000)
    for (const d of days) {
      const fast = dateText(d)
      if (fast !== null) expect(fast).toBe(new DuckDBDateValue(d).toString())
      else expect(d < -719_162 || d > 2_932_896).toBe(true)
    }
  })

  it('prints timestamps with trimmed fractions as DuckDB does, and leaves the rest to DuckDB', () => {
    const safe = BigInt(Number.MAX_SAFE_INTEGER)
    const micros = [0n, 1n, -1n, 999n, 1000n, 500_000n, -500_000n, 1_577_836_801_000_000n, safe, -safe, safe + 1n, -safe - 1n, DuckDBTimestampValue.PosInf.micros, -DuckDBTimestampValue.PosInf.micros]
    for (let i = 0; i < 20_000; i++) micros.push(BigInt(Math.floor((Math.random() * 2 - 1) * Number.MAX_SAFE_INTEGER)))
    for (let i = 0; i < 5_000; i++) micros.push(BigInt(Math.floor(Math.random() * 4e9)) * 1_000_000n)
    for (const m of micros) {
      const fast = timestampText(m)
      if (fast !== null) expect(fast).toBe(new DuckDBTimestampValue(m).toString())
      else expect(m > safe || m < -safe).toBe(true)
    }
  })

  it('converts every column type per column exactly as toCell does per value', async () => {
    const instance = await DuckDBInstance.create(':memory:')
    const conn = await instance.connect()
    try {
      const reader = await conn.runAndReadAll(`select * from (values
        (true, 1::tinyint, 2::smallint, 3::integer, 4::bigint, 5::hugeint, 6::utinyint, 7::uinteger, 8::ubigint, 1.5::float, 2.5::double,
         'nan'::double, 'inf'::float, 12.345::decimal(10, 3), 123456789012345678901234.5::decimal(38, 1), 'text', '{"a": 1}'::json,
         date '2024-02-29', date '0044-03-15 (BC)', 'infinity'::date, timestamp '2020-01-01 00:00:01.5', timestamp '1500-06-01 12:00:00',
         '-infinity'::timestamp, timestamptz '2020-01-01 00:00:00+02', time '12:34:56.789', interval '1 day 2 hours', '\\x00ff'::blob,
         uuid '00000000-0000-0000-0000-000000000001', [1, 2], {'a': 1}),
        (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
         null, null, null, null, null, null, null, null)) t`)
      const types = reader.columnTypes()
      const converters = types.map(cellConverter)
      for (const row of reader.getRows()) expect(row.map((v, i) => converters[i]!(v))).toEqual(row.map((v, i) => toCell(v, types[i]!)))
    } finally {
      conn.closeSync()
      instance.closeSync()
    }
  })
})
