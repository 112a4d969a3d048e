import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp.ts';
import { harness, seededTeam, setUpYouthJusticeMachine } from '../support/workbench.ts';

// People added to the team from another computer have no account here: they are kept as users named
// `team:<id>` so that allocations show their names. The screens that allocate a case and show it list
// them through `users.list`, whose response must therefore accept them.

const START = new Date('2026-11-26T10:00:00Z');

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

describe('people from another computer in the team', () => {
  it('are listed by users.list with their names, so a case can be allocated to them', async () => {
    const a = harness(join(folder.path, 'machine-a'), { start: START });
    const b = harness(join(folder.path, 'machine-b'), { start: START });
    const teamA = await seededTeam(a);
    await setUpYouthJusticeMachine(b, 'youth justice admin pw');
    await b.call('session.signOut', {});
    await b.call('session.signIn', { username: 'bella.admin', password: 'youth justice admin pw' });
    b.host.saveFile = join(folder.path, 'join-b.json');
    await b.call('sync.exportJoinRequest', {});
    await a.call('sync.createTeam', {});
    a.host.openFile = join(folder.path, 'join-b.json');
    await a.call('sync.importJoinRequest', {});

    const users = await a.call('users.list', {});
    const bella = users.find((u) => u.name === 'Bella Admin');
    expect(bella?.username).toMatch(/^team:/);
    expect(bella?.agency).toBe('youth-justice');
    expect(users.map((u) => u.id)).toContain(teamA.socialWorker.id);
  });
});
