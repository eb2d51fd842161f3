import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { FakeOrganization } from '../../../github/test/fake-github/fake-organization.js';
import { commitAll, type GitSandbox } from '../../../github/test/git-sandbox.js';
import type { Clone } from '../../../github/test/git-sandbox.js';
import { coreFixture } from './capture-run.js';

/**
 * The type2-readiness program where AC-01 (owned by team `security`: ada-lovelace and grace-hopper) is
 * met only by signed-off access reviews, pushed to the sandbox's remote and known to the fake GitHub as
 * `main`, with the accounts `ada-example` (organisation admin), `grace-example` and `stranger`, each with
 * write access and two-factor on. Tests change the organisation from there.
 */
export async function accessReviewProgram(fake: FakeGitHub, sandbox: GitSandbox): Promise<{ clone: Clone; org: FakeOrganization }> {
  const { clone, main } = await commitAccessReviewProgram(sandbox);
  return { clone, org: programAccessReviewGitHub(fake, main) };
}

/** The program's git side: committed in the sandbox's clone `program` and pushed to `main`. Returns the commit. */
export async function commitAccessReviewProgram(sandbox: GitSandbox): Promise<{ clone: Clone; main: string }> {
  const clone = await sandbox.clone('program');
  await cp(coreFixture('type2-readiness', 'ok'), clone.dir, { recursive: true });
  await rm(path.join(clone.dir, 'evidence/AC-01'), { recursive: true });
  const control = path.join(clone.dir, 'controls/AC-01.md');
  await writeFile(control, (await readFile(control, 'utf8')).replace('    collection: manual\n', '    collection: github\n    source: evident:access-review-approval\n'));
  await appendFile(path.join(clone.dir, 'evident.yaml'), 'access:\n  admin_roles: [security-officer]\n  review_control: AC-01\n');
  const main = await commitAll(clone, 'Program');
  await clone.git.push('origin', 'main');
  return { clone, main };
}

/** The program's GitHub side (also for a sandbox copied from one that `commitAccessReviewProgram` made): `main` at that commit, the accounts and the organisation. */
export function programAccessReviewGitHub(fake: FakeGitHub, main: string): FakeOrganization {
  const org = FakeOrganization.install(fake);
  fake.setBranch('main', main, {});
  for (const login of ['ada-example', 'grace-example', 'stranger']) fake.addUser(login, 'write');
  org.members.set('ada-example', { role: 'admin', twoFactor: true });
  org.members.set('grace-example', { role: 'member', twoFactor: true });
  org.members.set('stranger', { role: 'member', twoFactor: true });
  org.collaborators.set('ada-example', 'admin');
  return org;
}
