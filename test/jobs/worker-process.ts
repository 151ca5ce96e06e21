/**
 * Another process running the queue, for the tests: `node --import tsx worker-process.ts <url> <name>`
 * works jobs of `name` on the database at `url`, prints "ran <id>" for each and "ready" once
 * started; on SIGTERM it stops gracefully and exits.
 */
import { openDatabase } from '../../src/db/database.ts';
import { openJobQueue } from '../../src/jobs/job-queue.ts';

const [url, name] = process.argv.slice(2);
if (url === undefined || name === undefined) throw new Error('usage: worker-process.ts <url> <name>');
const database = openDatabase(url);
const queue = openJobQueue(database, { pollIntervalMs: 50, onError: () => {} });
queue.work(name, async (job) => {
  process.stdout.write(`ran ${job.id}\n`);
  await new Promise((resolve) => setTimeout(resolve, 5));
});
await queue.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void queue
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
