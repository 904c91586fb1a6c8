import { Command, Option } from 'commander'
import type { CliIo } from './docs-command'

/** better-sqlite3 and the audit code load when a command runs, not for `--help`. */
const services = () => import('./audit-services')

const dataDirOption = () => new Option('--data-dir <dir>', 'the data folder holding querygenie.db (default: $QUERYGENIE_DATA_DIR or the platform data folder)')

/** `querygenie audit verify` and `querygenie audit export`. */
export function auditCommand(io: CliIo): Command {
  const audit = new Command('audit').description("Check or export the app's hash-chained audit log of the statements it ran that changed something")
  audit
    .command('verify')
    .description('Recompute the hash chain: exits 0 when every entry checks out, 1 naming the first entry that does not')
    .addOption(dataDirOption())
    .action(async (o: { dataDir?: string }) => {
      const { verifyAudit } = await services()
      const result = verifyAudit(o.dataDir)
      io.out(result.text)
      io.setExitCode(result.ok ? 0 : 1)
    })
  audit
    .command('export')
    .description('Write every entry, oldest first, with its hashes (JSON also keeps the anchor of pruned entries)')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('json'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dataDirOption())
    .action(async (o: { format: 'csv' | 'json'; out?: string; dataDir?: string }) => {
      const { exportAudit } = await services()
      const written = exportAudit(o.dataDir, o.format, o.out, io)
      if (o.out) io.err(`Wrote ${written} entries to ${o.out}\n`)
    })
  return audit
}
