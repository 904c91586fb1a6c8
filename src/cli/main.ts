import { Command, CommanderError } from 'commander'
import { AppError } from '../shared/errors'
import { docsCommand, type CliIo, type LoadModel } from './docs-command'
import { auditCommand } from './audit-command'

/** Exit codes: 0 ok, 1 drift found (docs diff), lint findings at the --fail-on level (docs) or a tampered audit log (audit verify), 2 usage or runtime error. */
export async function runCli(argv: string[], io: CliIo, load?: LoadModel): Promise<void> {
  const program = new Command('querygenie')
    .description('QueryGenie command line')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    .enablePositionalOptions()
  program.addCommand(docsCommand(io, load))
  program.addCommand(auditCommand(io))
  // addCommand does not pass settings down: give every command the same output and exit handling.
  const walk = (c: Command): void => {
    c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err })
    c.commands.forEach(walk)
  }
  walk(program)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      io.setExitCode(e.exitCode === 0 ? 0 : 2)
      return
    }
    io.err(`querygenie: ${describeError(e)}\n`)
    io.setExitCode(2)
  }
}

function describeError(e: unknown): string {
  if (e instanceof AppError) return `${e.message} [${e.code}]`
  if (e instanceof Error) return e.message
  return String(e)
}

// Run directly (bin/querygenie.mjs imports this file and calls runCli itself).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    setExitCode: (c) => (process.exitCode = c)
  })
}
