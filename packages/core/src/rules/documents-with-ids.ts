import type { ParsedDocument } from '../parse/parse-document.js';
import type { RepositoryModel } from '../model/repository-model.js';

/** Every parsed policy and control document that declares a string id, with that id. */
export function* documentsWithIds(model: Pick<RepositoryModel, 'documents'>): Generator<{ doc: ParsedDocument; id: string }> {
  for (const doc of model.documents) {
    const id = doc.data?.id;
    if (typeof id === 'string') yield { doc, id };
  }
}
