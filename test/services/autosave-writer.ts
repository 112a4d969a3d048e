// Child process for the autosave crash test: signs in as a co-assessor and autosaves a growing draft,
// acknowledging each autosave on stdout only after it returned. The parent kills it with SIGKILL.
import { writeSync } from 'node:fs';
import { richTextFromPlain } from '#domain/assessment/rich-text.ts';
import { harness, SW_PASSWORD } from '../support/workbench.ts';

const [dataDir, assessmentId, run] = process.argv.slice(2);
if (!dataDir || !assessmentId || !run)
  throw new Error('usage: autosave-writer <data-dir> <assessment-id> <run>');
const h = harness(dataDir, { start: new Date() });
await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
writeSync(1, 'ready\n');
for (let n = 1; ; n++) {
  h.travelTo(new Date());
  await h.call('assessments.autosave', {
    assessmentId,
    sectionKey: 'formulation',
    content: richTextFromPlain(`run ${run} autosave ${n}: ${'the formulation grows. '.repeat(n % 50)}`),
  });
  writeSync(1, `ack ${n}\n`);
}
