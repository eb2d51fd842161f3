/** JSON Schema of Evident framework catalog. Published as schemas/framework.schema.json by scripts/write-schemas.mjs. */
export const frameworkSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/framework.schema.json",
  "title": "Evident framework catalog",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "name",
    "categories",
    "criteria"
  ],
  "properties": {
    "id": {
      "type": "string"
    },
    "name": {
      "type": "string"
    },
    "source": {
      "type": "string"
    },
    "categories": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "name",
          "required"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "required": {
            "type": "boolean"
          },
          "description": {
            "type": "string"
          }
        }
      }
    },
    "criteria": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "category",
          "family",
          "summary"
        ],
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$"
          },
          "category": {
            "type": "string"
          },
          "family": {
            "type": "string"
          },
          "topic": {
            "type": "string"
          },
          "summary": {
            "type": "string",
            "minLength": 20
          }
        }
      }
    }
  }
};
