export type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from './types'
