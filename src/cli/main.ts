import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.ts';
import { registerBackup } from './commands/backup.ts';
import { registerCalendar } from './commands/calendar.ts';
import { registerDatabase } from './commands/database.ts';
import { registerDeadline } from './commands/deadline.ts';
import { registerImport } from './commands/import.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerReport } from './commands/report.ts';
import { registerServe } from './commands/serve.ts';
import { systemCalendarSource } from './system-calendar.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

const program = new Command('gongkai')
  .description('gongkai（公开）：政府信息公开工作平台')
  .showHelpAfterError()
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerAudit(program);
registerReport(program);
registerServe(program);
registerDatabase(program);
registerBackup(program);
registerCalendar(program, systemCalendarSource);
registerDeadline(program, systemCalendarSource);
registerImport(program);
registerJobs(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are not errors; every other complaint of the parser is a usage error.
    process.exitCode =
      e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : EXIT_USAGE;
  } else if (e instanceof UsageError) {
    process.stderr.write(`gongkai: ${e.message}\n`);
    process.exitCode = EXIT_USAGE;
  } else {
    process.stderr.write(`gongkai: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  }
}
