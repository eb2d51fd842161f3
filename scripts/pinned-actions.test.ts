/**
 * Every third-party action a workflow uses (this repository's and the scaffold's) is pinned by full
 * commit SHA to a version listed in scripts/pinned-actions.json, named in its version comment, and
 * called only with inputs that version's action.yml declares, its required inputs included. The
 * attestation steps pass no predicate: the pinned attest version creates build provenance from the
 * subject alone (an older major required `predicate-type` and failed on a subject alone).
 */
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Pinned {
  version: string;
  inputs: string[];
  required: string[];
  provenanceFromSubjectAlone?: boolean;
  predicateInputs?: string[];
}

interface Step {
  file: string;
  uses: string;
  comment: string | undefined;
  with: Record<string, unknown>;
}

async function workflowSteps(): Promise<Step[]> {
  const dir = path.join(root, '.github/workflows');
  const steps: Step[] = [];
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const comments = new Map([...text.matchAll(/uses: (\S+)(?: # (\S+))?/g)].map((m) => [m[1]!, m[2]]));
    const workflow = parse(text) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses && !step.uses.startsWith('./')) steps.push({ file: name, uses: step.uses, comment: comments.get(step.uses), with: step.with ?? {} });
      }
    }
  }
  return steps;
}

describe('pinned third-party actions', () => {
  it('are pinned by SHA to a listed version, with declared and required inputs only', async () => {
    const pinned = JSON.parse(await readFile(path.join(root, 'scripts/pinned-actions.json'), 'utf8')) as Record<string, Pinned>;
    const steps = await workflowSteps();
    expect(steps.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const step of steps) {
      const contract = pinned[step.uses];
      if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(step.uses) || !contract) {
        problems.push(`${step.file}: \`${step.uses}\` is not pinned to a listed commit`);
        continue;
      }
      if (step.comment !== contract.version) problems.push(`${step.file}: \`${step.uses}\` says \`# ${step.comment}\`, expected \`# ${contract.version}\``);
      for (const input of Object.keys(step.with)) if (!contract.inputs.includes(input)) problems.push(`${step.file}: \`${step.uses}\` has no input \`${input}\``);
      for (const input of contract.required) if (!(input in step.with)) problems.push(`${step.file}: \`${step.uses}\` needs input \`${input}\``);
    }
    expect(problems).toEqual([]);
  });

  it('attest the release files as build provenance, from the subject alone', async () => {
    const pinned = JSON.parse(await readFile(path.join(root, 'scripts/pinned-actions.json'), 'utf8')) as Record<string, Pinned>;
    const attest = (await workflowSteps()).filter((s) => s.uses.startsWith('actions/attest'));
    expect(attest.map((s) => s.file).sort()).toEqual(['evident-release.yml', 'release.yml']);
    for (const step of attest) {
      const contract = pinned[step.uses]!;
      expect(contract.provenanceFromSubjectAlone).toBe(true);
      expect(contract.required).toEqual([]);
      expect(Object.keys(step.with)).toEqual(['subject-path']);
      for (const input of contract.predicateInputs ?? []) expect(step.with).not.toHaveProperty(input);
    }
  });
});
