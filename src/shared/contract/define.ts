import { z } from 'zod'

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> {
  return { input, output }
}

export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })
export const Id = z.string().min(1).max(200)
