/**
 * What makes rows (faker and the value makers): loaded with the first preview or run, not with the app, so that the
 * app starts without faker's data.
 */
export { fillDatabase, takeRows } from './fill-database'
export { fillFiles } from './fill-files'
export { addToPool, poolOf, RowMaker } from './row-maker'
