import type { Dispatch } from '../../src/main/services/rpc/dispatcher'

/** A call through the real dispatcher (the contract's schema parses the input); a failure is thrown with its code. */
export async function dispatchValue<T>(dispatch: Dispatch, call: string, input: unknown): Promise<T> {
  const envelope = await dispatch(call, input)
  if (!envelope.ok) throw new Error(`${call}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value as T
}
