// Child process for the crash test: writes rows one transaction at a time and acknowledges each on
// stdout only after the commit returns. The parent kills it with SIGKILL at a random moment.
import { writeSync } from 'node:fs';
import { openDatabase } from '#store/database.ts';

const [path, keyHex, runId] = process.argv.slice(2);
if (!path || !keyHex || !runId) throw new Error('usage: crash-writer <path> <key-hex> <run-id>');
const db = openDatabase(path, Buffer.from(keyHex, 'hex'));
db.exec(
  'CREATE TABLE IF NOT EXISTS crash_rows (run INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (run, n))',
);
const insert = db.prepare('INSERT INTO crash_rows (run, n, payload) VALUES (?, ?, ?)');
writeSync(1, 'ready\n');
for (let n = 1; ; n++) {
  insert.run(Number(runId), n, `row ${n} of run ${runId} `.repeat(20));
  writeSync(1, `ack ${n}\n`);
}
