import type { Policy } from '@evident/core';
import type { AcknowledgmentManifest } from './acknowledgment-manifest.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The description of an acknowledgment pull request: what to read, how to acknowledge, by when. Pure. */
export function renderAcknowledgmentBody(input: { repository: string; manifest: AcknowledgmentManifest; policies: readonly Policy[]; audience: readonly string[] }): string {
  const { manifest } = input;
  const rows = manifest.policies.map((entry) => {
    const policy = input.policies.find((p) => p.id === entry.id);
    const link = `https://github.com/${input.repository}/blob/${manifest.base.commit}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
    const days = policy?.acknowledgment?.within_days;
    return `| [${cell(policy?.title ?? entry.id)}](${link}) | ${cell(entry.version)} | ${days ? `${days} days` : ''} | \`${entry.sha256}\` |`;
  });
  return [
    '## Policy acknowledgment',
    '',
    'Please read each policy below, then **approve this pull request** (Files changed → Review changes → Approve).',
    'Your approval is recorded as your acknowledgment of exactly these versions, bound to the SHA-256 of each file.',
    '',
    '| Policy | Version | Acknowledge within | SHA-256 |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Asked of ${input.audience.length} ${input.audience.length === 1 ? 'person' : 'people'} on the roster. Anyone on the roster may approve; approvals by people who are not on the roster are recorded as exceptions.`,
    '',
    `Do not merge this pull request: it stays open until the campaign ends. Campaign \`${manifest.campaign}\`, base \`${manifest.base.ref}\` at \`${manifest.base.commit}\`.`,
    '',
    '<!-- Written by `evident ack request`; running it again updates this description. -->',
    '',
  ].join('\n');
}
