import { runCli } from '../../src/cli/main'

/** Runs the CLI in process and collects what it printed and the exit code it set. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  let code = 0
  await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), setExitCode: (c) => (code = c) })
  return { code, out, err }
}
