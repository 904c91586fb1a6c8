import { describe, expect, it } from 'vitest'
import { maskValues, redactStatementSecrets } from './redact-statement'

const PW = 'Sup3rSecretPw42'

describe('redactStatementSecrets', () => {
  it.each([
    `CREATE USER bob IDENTIFIED BY '${PW}'`,
    `CREATE USER 'bob'@'%' IDENTIFIED BY "${PW}"`,
    `ALTER USER bob IDENTIFIED WITH mysql_native_password BY '${PW}'`,
    `CREATE USER bob IDENTIFIED VIA ed25519 USING PASSWORD('${PW}')`,
    `SET PASSWORD FOR bob = PASSWORD('${PW}')`,
    `SET PASSWORD = '${PW}'`,
    `ALTER ROLE bob WITH LOGIN PASSWORD '${PW}' VALID UNTIL 'infinity'`,
    `CREATE ROLE bob ENCRYPTED PASSWORD E'${PW}'`,
    `ALTER ROLE bob PASSWORD $$${PW}$$`,
    `ALTER ROLE bob PASSWORD $pw$${PW}$pw$`,
    `CREATE LOGIN bob WITH PASSWORD = N'${PW}'`,
    `CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password '${PW}')`,
    `CREATE SECRET (TYPE s3, KEY_ID 'AKIA', SECRET '${PW}')`,
    `ALTER USER bob IDENTIFIED BY 'it''s ${PW}'`,
    `ALTER USER bob IDENTIFIED BY 'a\\'${PW}'`
  ])('masks the password in %s', (sql) => {
    const { text, masked } = redactStatementSecrets(sql)
    expect(text).not.toContain(PW)
    expect(masked.some((m) => m.includes(PW))).toBe(true)
  })

  it('keeps the names of users and roles', () => {
    expect(redactStatementSecrets(`ALTER ROLE "bob" PASSWORD '${PW}'`).text).toBe(`ALTER ROLE "bob" PASSWORD ••••••`)
    expect(redactStatementSecrets(`CREATE USER bob IDENTIFIED BY '${PW}'`).text).toBe('CREATE USER bob IDENTIFIED BY ••••••')
    expect(redactStatementSecrets(`SET PASSWORD FOR 'bob'@'%' = PASSWORD('${PW}')`).text).toBe(`SET PASSWORD FOR 'bob'@'%' = PASSWORD(••••••)`)
  })

  it('leaves statements without a secret clause alone', () => {
    const sql = "UPDATE t SET name = 'x' WHERE id = 1"
    expect(redactStatementSecrets(sql)).toEqual({ text: sql, masked: [] })
  })

  it('masks a password echoed in an error message', () => {
    const { masked } = redactStatementSecrets(`CREATE USER bob IDENTIFIED BY '${PW}'`)
    expect(maskValues(`near '${PW}' at line 1`, masked)).toBe("near '••••••' at line 1")
  })
})
