/** JSON Schema of Evident management response to an exception. Published as schemas/exception-response.schema.json by scripts/write-schemas.mjs. */
export const exceptionResponseSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/exception-response.schema.json",
  "title": "Evident management response",
  "description": "A file under exceptions/: the company's response to one exception `evident status` lists.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "response",
    "owner"
  ],
  "properties": {
    "id": {
      "type": "string",
      "minLength": 3,
      "description": "The exception id as `evident status` prints it, e.g. missing-evidence:AC-01:2026-Q3. Without it, the file name says it: the id with each character other than letters, digits, dots, dashes and underscores as _ (missing-evidence_AC-01_2026-Q3.yaml)."
    },
    "response": {
      "type": "string",
      "minLength": 10,
      "description": "What happened and what the company does about it, in the words the report will quote."
    },
    "owner": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "A person id from the roster or a team id from evident.yaml."
    },
    "target_date": {
      "type": "string",
      "format": "date",
      "description": "When the remediation is due, YYYY-MM-DD."
    }
  }
};
