import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createValidators } from '@evident/core';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { commitAll, createGitSandbox, seedProgram, writeFiles, type Clone, type GitSandbox } from '../test/git-sandbox.js';
import { readRosterAtCommit } from './read-roster-at-commit.js';

const validators = createValidators();

describe('reading the roster at a commit', () => {
  let sandbox: GitSandbox;
  let dev: Clone;
  let baseSha: string;

  beforeEach(async () => {
    sandbox = await createGitSandbox();
    dev = await sandbox.clone('dev');
    baseSha = await seedProgram(dev);
  });
  afterEach(async () => sandbox.cleanup());

  const logins = (roster: { people: { id: string; github: string }[] }) => Object.fromEntries(roster.people.map((p) => [p.id, p.github]));

  it('reads the people and teams of that commit, whatever the working tree holds', async () => {
    const people = await readFile(path.join(dev.dir, 'people.yaml'), 'utf8');
    await writeFiles(dev.dir, { 'people.yaml': people.replace('github: margaret-gh', 'github: friend-gh') });
    const later = await commitAll(dev, 'Another login for Margaret');
    await writeFiles(dev.dir, { 'people.yaml': people.replace('github: margaret-gh', 'github: uncommitted-gh') });

    const base = await readRosterAtCommit(dev.git, baseSha, validators);
    expect(base).toMatchObject({ commit: baseSha, teams: [{ id: 'security', members: ['ada', 'grace'] }, { id: 'engineering' }] });
    expect(base.problem).toBeUndefined();
    expect(logins(base)).toMatchObject({ ada: 'ada-gh', margaret: 'margaret-gh' });
    expect(logins(await readRosterAtCommit(dev.git, later, validators))).toMatchObject({ margaret: 'friend-gh' });
  });

  it('follows the people path evident.yaml names at that commit', async () => {
    const config = await readFile(path.join(dev.dir, 'evident.yaml'), 'utf8');
    const people = await readFile(path.join(dev.dir, 'people.yaml'), 'utf8');
    await writeFiles(dev.dir, { 'evident.yaml': `${config}paths:\n  people: org/roster.yaml\n`, 'org/roster.yaml': people.replace('github: margaret-gh', 'github: moved-gh') });
    const moved = await commitAll(dev, 'Roster moved');
    expect(logins(await readRosterAtCommit(dev.git, moved, validators))).toMatchObject({ margaret: 'moved-gh' });
  });

  it('is empty, with the reason, when evident.yaml is missing or unusable there', async () => {
    await rm(path.join(dev.dir, 'evident.yaml'));
    const missing = await commitAll(dev, 'No configuration');
    expect(await readRosterAtCommit(dev.git, missing, validators)).toEqual({ commit: missing, people: [], teams: [], problem: `\`evident.yaml\` does not exist at ${missing}` });
    await writeFiles(dev.dir, { 'evident.yaml': 'organization: [not, a, mapping]\n' });
    const broken = await commitAll(dev, 'Broken configuration');
    expect(await readRosterAtCommit(dev.git, broken, validators)).toMatchObject({ people: [], teams: [], problem: expect.stringContaining(`\`evident.yaml\` at ${broken} is not usable: `) });
  });
});
