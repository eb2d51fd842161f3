import { describe, expect, it } from '@jest/globals';
import { ticketReferences } from './ticket-references.js';

describe('ticketReferences', () => {
  it('finds issue numbers, cross-repository issues and tracker keys, each once, title first', () => {
    expect(ticketReferences('Harden SSO (SEC-12)', 'Closes #45, relates to acme/infra#9 and SEC-12.\nOPS-3')).toEqual(['SEC-12', '#45', 'acme/infra#9', 'OPS-3']);
  });

  it('leaves out what only looks like a reference', () => {
    expect(ticketReferences('Support UTF-8 and ISO-8859-1', 'Colour #fff, anchor x#1, a-#2, SHA-256, A-1, lower-12')).toEqual([]);
    expect(ticketReferences('Plain title', null)).toEqual([]);
  });
});
