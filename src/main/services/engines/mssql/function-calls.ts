import { matchParen, type SqlToken } from '../../../../shared/sql-tokens'
import { calledFunctions } from '../../statements/keyword-rules'
import type { Verdict } from '../../statements/types'

/**
 * Calls in a batch. A user-defined function can be CLR code or call an extended procedure (xp_cmdshell), so a read
 * may not call one. SQL Server makes them recognisable: a scalar user function must be schema-qualified
 * (`dbo.f()`), and an unqualified call in a FROM list is a table-valued function. Unqualified calls elsewhere are
 * built-ins.
 */

/** System functions that read files on the server's host. */
const HOST_FUNCTIONS = new Set(['fn_get_audit_file', 'fn_xe_file_target_read_file', 'fn_trace_gettable', 'fn_dump_dblog'])

/** Built-in table-valued functions that only read. */
const BUILTIN_TABLE_FUNCTIONS = new Set(
  `openjson openxml string_split generate_series containstable freetexttable changetable semantickeyphrasetable
semanticsimilaritytable semanticsimilaritydetailstable fn_my_permissions fn_builtin_permissions fn_helpcollations
fn_listextendedproperty predict`.split(/\s+/)
)

/** Methods of xml, hierarchyid and spatial values: `col.value('…', 'int')`, `node.GetAncestor(1)`, `g.STArea()`. */
const VALUE_METHODS = new Set(
  `value query nodes exist modify tostring getancestor getdescendant getlevel getreparentedvalue isdescendantof
starea stasbinary stastext stboundary stbuffer stcentroid stcontains stconvexhull stcrosses stcurven stcurvetoline
stdifference stdimension stdisjoint stdistance stendpoint stenvelope stequals stexteriorring stgeometryn
stgeometrytype stinteriorringn stintersection stintersects stisclosed stisempty stisring stissimple stisvalid
stlength stnumcurves stnumgeometries stnuminteriorring stnumpoints stoverlaps stpointn stpointonsurface strelate
ststartpoint stsymdifference sttouches stunion stwithin asbinaryzm astextzm bufferwithtolerance envelopeangle
envelopecenter filter hasm hasz isnull isvaliddetailed makevalid numrings reduce reorientobject ringn`.split(/\s+/)
)

/** Old-style table hints, `FROM t (NOLOCK)`: a parenthesis after a table name that is not a call. */
const TABLE_HINTS = new Set(['NOLOCK', 'READUNCOMMITTED', 'READCOMMITTED', 'READCOMMITTEDLOCK', 'REPEATABLEREAD', 'SERIALIZABLE', 'HOLDLOCK', 'NOWAIT', 'READPAST', 'ROWLOCK', 'PAGLOCK', 'TABLOCK', 'INDEX', 'FORCESEEK', 'FORCESCAN', 'NOEXPAND', 'SNAPSHOT'])

const upper = (t: SqlToken | undefined): string => (t?.kind === 'word' ? t.value.toUpperCase() : '')

const TABLE_CLAUSES = new Set(['FROM', 'JOIN', 'APPLY'])
const CLAUSES = new Set(['SELECT', 'FROM', 'JOIN', 'APPLY', 'WHERE', 'ON', 'GROUP', 'HAVING', 'ORDER', 'WITH', 'SET', 'DECLARE', 'PRINT', 'RETURN', 'IF', 'WHILE', 'VALUES', 'UNION', 'EXCEPT', 'INTERSECT', 'WHEN', 'THEN', 'ELSE', 'FOR', 'OPTION', 'PIVOT', 'UNPIVOT'])

/** The clause a comma-separated item belongs to: the nearest clause keyword before it at the same depth. */
function clauseOf(tokens: SqlToken[], index: number): string {
  let depth = 0
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!
    if (t.text === ')') depth++
    else if (t.text === '(' && depth-- === 0) return '('
    else if (depth === 0 && CLAUSES.has(upper(t))) return upper(t)
  }
  return ''
}

/** Whether the call at `index` stands where a table goes (FROM f(…), JOIN f(…), APPLY f(…), FROM a, f(…)). */
function inTablePosition(tokens: SqlToken[], index: number): boolean {
  const before = tokens[index - 1]
  if (TABLE_CLAUSES.has(upper(before))) return true
  return before?.text === ',' && TABLE_CLAUSES.has(clauseOf(tokens, index))
}

/** `x(a, b) AS (…)`: a common table expression's column list; `AS v(a, b)`: a derived table's. */
function isColumnList(tokens: SqlToken[], index: number): boolean {
  if (upper(tokens[index - 1]) === 'AS' || tokens[index - 1]?.text === ')') return true
  const close = matchParen(tokens, index + 1)
  return upper(tokens[close + 1]) === 'AS' && tokens[close + 2]?.text === '('
}

/** Where a dotted name (`db.dbo.t`) whose last part is tokens[index] starts. */
function nameStart(tokens: SqlToken[], index: number): number {
  let i = index
  while (tokens[i - 1]?.text === '.' && (tokens[i - 2]?.kind === 'word' || tokens[i - 2]?.kind === 'ident')) i -= 2
  return i
}

/** `FROM dbo.t (NOLOCK)`: a table name in a FROM list followed by hints, not a call. */
const isHintList = (tokens: SqlToken[], index: number): boolean => TABLE_HINTS.has(upper(tokens[index + 2])) && inTablePosition(tokens, nameStart(tokens, index))

/** The first call a read must not make, as a verdict: 'admin' for host access, 'unknown' for user code. */
export function riskyCall(tokens: SqlToken[]): Verdict | null {
  for (const { name, index } of calledFunctions(tokens)) {
    const qualifier = tokens[index - 1]?.text === '.' ? tokens[index - 2] : undefined
    const staticCall = tokens[index - 1]?.text === ':' && tokens[index - 2]?.text === ':'
    if (HOST_FUNCTIONS.has(name)) return { kind: 'admin', reason: `${name}() reads files on the server` }
    if (staticCall || isHintList(tokens, index)) continue
    if (qualifier) {
      if (qualifier.value.toLowerCase() === 'sys' || VALUE_METHODS.has(name)) continue
      return { kind: 'unknown', reason: `${qualifier.value}.${tokens[index]!.value}() is a user-defined function: it may run CLR code or extended procedures` }
    }
    if (isColumnList(tokens, index)) continue
    if (inTablePosition(tokens, index) && !BUILTIN_TABLE_FUNCTIONS.has(name)) {
      return { kind: 'unknown', reason: `${tokens[index]!.value}() may be a user-defined table function: it may run CLR code or extended procedures` }
    }
  }
  return null
}
