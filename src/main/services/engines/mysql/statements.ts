import type { StatementRules, Verdict } from '../../statements/types'
import { classifyTokens } from './classify-statement'
import { catalogOf, loadMysqlContext, type MysqlCatalog } from './statement-context'
import { serverReadings } from './statement-lexing'
import { agreedReading } from './verdicts'

/** One statement's text → its verdict, over every way the server may read it (sql_mode, charset). */
export function classifyMysql(text: string, catalog: MysqlCatalog | undefined): Verdict {
  return agreedReading(serverReadings(text).map((tokens) => classifyTokens(tokens, catalog)))
}

/**
 * MySQL/MariaDB rules. A call is a read only when its name is a built-in known to be free of side effects; the
 * session's catalog (stored functions of every schema, views over stored code) is what lets the rules name stored
 * functions and see through views. Without it, any call outside the built-in list counts as a possible write.
 */
export const mysqlStatements: StatementRules = {
  classify: (text, context) => classifyMysql(text, catalogOf(context)),
  loadContext: (session) => loadMysqlContext(session, classifyMysql)
}
