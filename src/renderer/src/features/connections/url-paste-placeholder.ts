import { engineFacts } from '../../../../shared/engines'

const engines = Object.values(engineFacts)
const [first, ...others] = engines.filter((f) => !f.fileBased)
const servers = [
  ...(first ? [`${first.urlSchemes[0]}://user@host:${first.defaultPort}/db`] : []),
  ...others.map((f) => `${f.urlSchemes[0]}://…`)
]
const files = engines.filter((f) => f.fileBased).map((f) => f.label)

/** "Paste a URL: postgres://user@host:5432/db, mysql://…, mssql://…, jdbc:…, or a SQLite file path", from the engines' facts. */
export const urlPastePlaceholder = `Paste a URL: ${[...servers, 'jdbc:…'].join(', ')}, or a ${files.join(' or ')} file path`
