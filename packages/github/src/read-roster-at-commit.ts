import { buildModel, CONFIG_FILE, loadConfig, type Person, type Team, type Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { readFileAtCommit } from './read-file-at-commit.js';

/** Who is who at one commit: the people of the roster (with their GitHub logins) and the teams of evident.yaml. */
export interface RosterAtCommit {
  commit: string;
  people: Person[];
  teams: Team[];
  /** Why the roster is empty, when evident.yaml could not be read or used at the commit. */
  problem?: string;
}

/**
 * Read the roster as it stood at a commit from git (the commit must be available locally): its
 * evident.yaml (the teams, and the path of the people file) and the people file it names, parsed
 * and validated as `evident check` does. An evident.yaml missing or unusable there gives an empty
 * roster, with the reason.
 */
export async function readRosterAtCommit(git: SimpleGit, commit: string, validators: Validators): Promise<RosterAtCommit> {
  const configBytes = await readFileAtCommit(git, commit, CONFIG_FILE);
  if (!configBytes) return { commit, people: [], teams: [], problem: `\`${CONFIG_FILE}\` does not exist at ${commit}` };
  const config = { path: CONFIG_FILE, text: configBytes.toString('utf8') };
  const loaded = loadConfig(config, validators);
  if (!loaded.config) return { commit, people: [], teams: [], problem: `\`${CONFIG_FILE}\` at ${commit} is not usable: ${loaded.findings[0]?.message ?? 'it does not match the schema'}` };
  const peoplePath = loaded.config.paths.people;
  const peopleBytes = await readFileAtCommit(git, commit, peoplePath);
  const snapshot = {
    config,
    ...(peopleBytes ? { people: { path: peoplePath, text: peopleBytes.toString('utf8') } } : {}),
    policies: [],
    controls: [],
    evidence: [],
    exceptions: [],
    files: [],
    readFindings: [],
  };
  const { model } = buildModel(snapshot, { config: loaded.config, locate: loaded.locate }, validators);
  return { commit, people: model.people, teams: model.teams };
}
