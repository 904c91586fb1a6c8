export { splitStatements } from '../../../shared/statement-split'
