import { z } from 'zod'

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> {
  return { input, output }
}

/**
 * Input size limits. Every string and array a call accepts has a maximum, so one call cannot hold the process for
 * long: SQL text (a script to run, a tab's text, a query to export) is at most MAX_SQL_CHARS characters.
 */
export const MAX_SQL_CHARS = 10_000_000
/** Database object names (schemas, tables, columns) and glob patterns over them. */
export const MAX_NAME_CHARS = 500
/** File system paths. */
export const MAX_PATH_CHARS = 4096
/**
 * What the dispatcher accepts of any call's raw input before the schema looks at it: values (objects, array items,
 * map and set entries) and characters of all strings together. Checked with an early-exit walk, so an oversize
 * input costs no more than the limit to reject.
 */
export const MAX_INPUT_VALUES = 50_000
export const MAX_INPUT_CHARS = MAX_SQL_CHARS + 1_000_000

/**
 * A patch of an object schema: every field optional and none defaulted. zod's `.partial()` keeps the fields' defaults,
 * so a patch of one field would come out carrying every other field at its default and overwrite what is stored.
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()])
  )
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<Shape[K]> }>
}

export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })
export const Id = z.string().min(1).max(200)
export const Name = z.string().max(MAX_NAME_CHARS)
export const FilePath = z.string().max(MAX_PATH_CHARS)
export const SqlText = z.string().max(MAX_SQL_CHARS, `SQL text is limited to ${MAX_SQL_CHARS.toLocaleString('en')} characters`)
