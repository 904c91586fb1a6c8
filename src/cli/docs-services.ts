// Everything `querygenie docs` needs to do its work: drivers, introspectors, exporters, the ELK layout. docs-command
// imports this module only inside a command's action, so `querygenie --help` (and a usage error) loads none of it.
export { diffSchemas, formatDiff } from '../main/services/docs/diff'
export { ensureWritableFolder, exportDocs } from '../main/services/docs/exporter'
export { filterModel } from '../main/services/docs/filter'
export { parseSchemaModelJson } from '../main/services/docs/json'
export { failsAt, lintSummary } from '../main/services/docs/lint'
export { loadLintConfig } from '../main/services/docs/lint-config'
export { introspectUrl } from './introspect-url'
