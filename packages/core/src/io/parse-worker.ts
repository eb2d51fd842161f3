/** Worker thread body: parses batches of documents for `parseInParallel`. */
import { parentPort } from 'node:worker_threads';
import { createMarkdownParser } from '../parse/markdown-outline.js';
import { parseDocumentPlain, type DocumentKind } from '../parse/parse-document.js';

const port = parentPort;
if (port) {
  const parser = createMarkdownParser();
  port.on('message', (batch: { path: string; text: string; kind: DocumentKind }[]) => {
    // Functions do not cross threads: the main thread rebuilds `locate` lazily from the frontmatter text.
    port.postMessage(batch.map(({ path, text, kind }) => ({ ...parseDocumentPlain({ path, text }, kind, parser), locate: undefined })));
  });
}
