/** How an engine prints a list value as text. */
interface ListSyntax {
  open: string
  close: string
  quote: string
  /** Between elements: `,` (PostgreSQL) or `, ` (DuckDB). */
  separator: string
  /** An unquoted element that is the null marker. */
  isNull(raw: string): boolean
  /** Characters that open something nested this reader does not take apart (the cell then stays text). */
  refuse: string
}

/** PostgreSQL's array output: `{a,"b,c",NULL,{1,2}}`; quoted elements escape `"` and `\` with a backslash. */
export const postgresArray: ListSyntax = {
  open: '{',
  close: '}',
  quote: '"',
  separator: ',',
  // PostgreSQL quotes an element that reads NULL in any case, so unquoted it is always the null marker
  isNull: (raw) => raw.toUpperCase() === 'NULL',
  refuse: ''
}

/** DuckDB's list output: `[1, NULL, 'a, b', [x]]`; quoted elements use `'`; structs, maps and tuples are not read. */
export const duckdbList: ListSyntax = { open: '[', close: ']', quote: "'", separator: ', ', isNull: (raw) => raw === 'NULL', refuse: '{(' }

/** The elements of a printed list (nested lists as arrays, each element typed by `typed`), or undefined when it is not one. */
export function readListText(text: string, syntax: ListSyntax, typed: (element: string) => unknown): unknown[] | undefined {
  let i = 0
  const quoted = (): string => {
    let out = ''
    i++
    while (i < text.length) {
      const c = text[i++]
      if (c === '\\') out += text[i++]
      else if (c === syntax.quote) return out
      else out += c
    }
    throw new Error('unterminated')
  }
  const list = (): unknown[] => {
    if (text[i] !== syntax.open) throw new Error('not a list')
    i++
    const out: unknown[] = []
    if (text[i] === syntax.close) {
      i++
      return out
    }
    for (;;) {
      const c = text[i]!
      if (c === syntax.open) out.push(list())
      else if (c === syntax.quote) out.push(typed(quoted()))
      else if (syntax.refuse.includes(c)) throw new Error('nested value')
      else {
        const start = i
        while (i < text.length && text[i] !== ',' && text[i] !== syntax.close) i++
        const raw = text.slice(start, i)
        if (raw === '') throw new Error('empty element')
        out.push(syntax.isNull(raw) ? null : typed(raw))
      }
      if (text[i] === syntax.close) {
        i++
        return out
      }
      if (!text.startsWith(syntax.separator, i)) throw new Error('bad delimiter')
      i += syntax.separator.length
    }
  }
  try {
    const out = list()
    return i === text.length ? out : undefined
  } catch {
    return undefined
  }
}
