import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../test-support/build-package.js';

/**
 * The worker pool runs from the compiled package (a worker thread cannot load TypeScript
 * sources), as the CLI runs it: the package is built from the current sources first.
 */
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

beforeAll(() => buildPackage('bundle', dist), 300_000);

describe('renderBodiesInWorkers (compiled)', () => {
  it('renders the same HTML as this thread, and lets the process exit once closed', () => {
    const script = `
      const { renderBodiesInWorkers, renderBody, defaultRenderWorker } = await import(${JSON.stringify(dist)});
      const context = { values: { organization: { name: 'Acme' }, security_officer: { name: 'Dana' } }, targets: new Map([['policies/b.md', 'policies/b.html']]) };
      const jobs = Array.from({ length: 40 }, (_, i) => ({ body: '# Policy ' + i + '\\n\\n{{organization.name}} [b](b.md) <script>x()</script>', from: 'policies/a.md' }));
      const pool = renderBodiesInWorkers(context, 2, defaultRenderWorker());
      const html = await Promise.all(jobs.map((job) => pool.render(job)));
      await pool.close();
      const same = html.every((h, i) => h === renderBody(jobs[i], context));
      console.log(JSON.stringify({ same, first: html[0] }));
    `;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evident-workers-'));
    const file = path.join(dir, 'run.mjs');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ same: true, first: '<h2>Policy 0</h2>\n<p>Acme <a href="../policies/b.html">b</a> &#x3C;script>x()&#x3C;/script></p>' });
  });
});
