import type { DriverSession } from '../../src/main/services/drivers/types'

/** The session, with every statement it is asked to execute recorded by kind (as the statement analyser reads it). */
export function recording(session: DriverSession): { session: DriverSession; kinds: string[]; statements: number } {
  const record = { kinds: [] as string[], statements: 0 }
  const proxy = new Proxy(session, {
    get(target, prop) {
      if (prop === 'execute')
        return async (...args: Parameters<DriverSession['execute']>) => {
          const analysis = typeof args[0] === 'string' ? await target.analyse(args[0]) : args[0]
          record.kinds.push(...analysis.statements.map((s) => s.kind))
          record.statements++
          return target.execute(analysis, args[1], args[2])
        }
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
  return { session: proxy, get kinds() { return record.kinds }, get statements() { return record.statements } }
}
