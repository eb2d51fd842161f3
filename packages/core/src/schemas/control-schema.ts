/** JSON Schema of Evident control frontmatter. Published as schemas/control.schema.json by scripts/write-schemas.mjs. */
export const controlSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/control.schema.json",
  "title": "Evident control frontmatter",
  "description": "The YAML frontmatter of a control document under controls/.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "title",
    "owner",
    "criteria",
    "policies",
    "status",
    "frequency",
    "evidence"
  ],
  "properties": {
    "id": {
      "type": "string",
      "pattern": "^[A-Z]{2,5}-[0-9]{2,3}$",
      "description": "Control id such as AC-01, equal to the file name without .md."
    },
    "title": {
      "type": "string",
      "minLength": 3,
      "maxLength": 200
    },
    "owner": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "Team (role) or roster person accountable for the control."
    },
    "criteria": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "type": "string",
        "pattern": "^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$"
      }
    },
    "policies": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
    },
    "status": {
      "enum": [
        "planned",
        "implemented",
        "operating"
      ],
      "description": "Starts as planned; nothing is satisfied by default."
    },
    "frequency": {
      "enum": [
        "continuous",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "annually",
        "event"
      ]
    },
    "evidence": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "description",
          "collection"
        ],
        "properties": {
          "description": {
            "type": "string",
            "minLength": 10
          },
          "collection": {
            "enum": [
              "manual",
              "automated",
              "github"
            ],
            "description": "manual: a person adds it under evidence/; automated: a system exports it; github: Evident collects it from GitHub."
          },
          "source": {
            "type": "string"
          }
        }
      }
    }
  }
};
