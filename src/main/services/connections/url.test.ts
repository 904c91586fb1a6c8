import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { parseConnectionUrl } from './url'

describe('parseConnectionUrl', () => {
  it.each([
    ['postgres://alice:p%40ss@db.example.com:6543/sales?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=5&currentSchema=app',
      { dialect: 'postgres', host: 'db.example.com', port: 6543, user: 'alice', password: 'p@ss', database: 'sales', ssl: { mode: 'verify-full', caPath: '/etc/ca.pem' }, connectTimeoutMs: 5000, defaultSchema: 'app' }],
    ['postgresql://localhost/test', { dialect: 'postgres', host: 'localhost', database: 'test' }],
    ['mysql://root@127.0.0.1:3306/test', { dialect: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' }],
    ['mariadb://u:pw@[::1]:3307/db?ssl=true', { dialect: 'mysql', host: '::1', port: 3307, user: 'u', password: 'pw', database: 'db', ssl: { mode: 'require' } }],
    ['mssql://sa:Secret1!@sql.local:1433/master', { dialect: 'mssql', host: 'sql.local', port: 1433, user: 'sa', password: 'Secret1!', database: 'master' }],
    ['sqlserver://sql.local/db?encrypt=true', { dialect: 'mssql', host: 'sql.local', database: 'db', ssl: { mode: 'require' } }],
    ['jdbc:postgresql://h:5432/d?user=bob&password=x', { dialect: 'postgres', host: 'h', port: 5432, database: 'd', user: 'bob', password: 'x' }],
    ['jdbc:mysql://h:3306/d?useSSL=true', { dialect: 'mysql', host: 'h', port: 3306, database: 'd', ssl: { mode: 'require' } }],
    ['jdbc:mariadb://h/d', { dialect: 'mysql', host: 'h', database: 'd' }],
    ['jdbc:sqlserver://h:1433;databaseName=sales;user=sa;password={a;b};encrypt=true;trustServerCertificate=true',
      { dialect: 'mssql', host: 'h', port: 1433, database: 'sales', user: 'sa', password: 'a;b', ssl: { mode: 'require' } }],
    ['jdbc:sqlserver://h;databaseName=x;encrypt=true', { dialect: 'mssql', host: 'h', database: 'x', ssl: { mode: 'verify-full' } }],
    ['/home/me/data/app.sqlite', { dialect: 'sqlite', filePath: '/home/me/data/app.sqlite', name: 'app.sqlite' }],
    ['sqlite:///tmp/x.db', { dialect: 'sqlite', filePath: '/tmp/x.db' }],
    ['file:///tmp/my%20db.db', { dialect: 'sqlite', filePath: '/tmp/my db.db' }],
    ['C:\\data\\shop.db', { dialect: 'sqlite', filePath: 'C:\\data\\shop.db' }],
    ['jdbc:sqlite:/tmp/a.db', { dialect: 'sqlite', filePath: '/tmp/a.db' }]
  ])('%s', (url, expected) => {
    expect(parseConnectionUrl(url)).toMatchObject(expected)
  })

  it('names the connection after the database and host', () => {
    expect(parseConnectionUrl('postgres://h:5/db').name).toBe('db @ h:5')
  })

  it.each(['', 'hello', 'oracle://h/x', 'postgres://exa mple.com:99999/x'])('rejects %j with a clear INVALID_INPUT', (url) => {
    let err: unknown
    try {
      parseConnectionUrl(url)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('INVALID_INPUT')
    expect((err as AppError).message.length).toBeGreaterThan(10)
  })
})
