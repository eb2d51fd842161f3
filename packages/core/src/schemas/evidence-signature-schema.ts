const instant = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' } as const;

/** JSON Schema of a record's signature file (`records/*.sig.json`). Published as schemas/evidence-signature.schema.json. */
export const evidenceSignatureSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://evident.dev/schemas/evidence-signature.schema.json',
  title: 'Evidence record signature',
  description: 'Stored beside each evidence record on the evidence branch: an Ed25519 signature of the record\'s canonical JSON (`algorithm: ed25519`), a keyless Sigstore bundle signing it (`algorithm: sigstore`), or the reason the record is unsigned (`algorithm: none`).',
  type: 'object',
  additionalProperties: false,
  required: ['schema_version', 'record_hash', 'algorithm', 'signed_at'],
  properties: {
    schema_version: { const: 1 },
    record_hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'The `hash` of the record this file belongs to.' },
    algorithm: { enum: ['ed25519', 'sigstore', 'none'] },
    instance: { enum: ['github', 'public-good', 'custom'], description: 'The Sigstore instance that issued the signing certificate.' },
    bundle: {
      type: 'object',
      required: ['mediaType', 'verificationMaterial'],
      properties: { mediaType: { type: 'string', pattern: '^application/vnd\\.dev\\.sigstore\\.bundle' }, verificationMaterial: { type: 'object' }, messageSignature: { type: 'object' } },
      description: 'The Sigstore bundle: a message signature over the record\'s canonical JSON, the signing certificate, and a signed timestamp or transparency log entry.',
    },
    key_id: { type: 'string', pattern: '^ed25519-[0-9a-f]{16}$', description: 'Id of the signing key (evident.yaml `evidence.signing.keys[].id`).' },
    signature: { type: 'string', pattern: '^[A-Za-z0-9+/]{86}==$', description: 'Ed25519 signature of the record\'s canonical JSON, base64.' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why the record is unsigned.' },
    signed_at: { ...instant, description: 'When the collector signed (or wrote the unsigned record), as it says.' },
  },
  allOf: [
    { if: { type: 'object', required: ['algorithm'], properties: { algorithm: { const: 'ed25519' } } }, then: { type: 'object', required: ['key_id', 'signature'], properties: { key_id: { type: 'string' }, signature: { type: 'string' } } } },
    { if: { type: 'object', required: ['algorithm'], properties: { algorithm: { const: 'sigstore' } } }, then: { type: 'object', required: ['instance', 'bundle'], properties: { instance: { type: 'string' }, bundle: { type: 'object', required: ['messageSignature'], properties: { messageSignature: { type: 'object' } } } } } },
    { if: { type: 'object', required: ['algorithm'], properties: { algorithm: { const: 'none' } } }, then: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } },
  ],
} as const;
