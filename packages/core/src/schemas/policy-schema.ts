/** JSON Schema of Evident policy frontmatter. Published as schemas/policy.schema.json by scripts/write-schemas.mjs. */
export const policySchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/policy.schema.json",
  "title": "Evident policy frontmatter",
  "description": "The YAML frontmatter of a policy document under policies/.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "title",
    "version",
    "status",
    "owner",
    "approvers",
    "effective_date",
    "review",
    "criteria"
  ],
  "properties": {
    "id": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "Kebab-case id, equal to the file name without .md."
    },
    "title": {
      "type": "string",
      "minLength": 3,
      "maxLength": 200
    },
    "version": {
      "type": "string",
      "pattern": "^\\d+\\.\\d+(\\.\\d+)?$",
      "description": "Version of the policy text, MAJOR.MINOR or MAJOR.MINOR.PATCH."
    },
    "status": {
      "enum": [
        "draft",
        "approved",
        "retired"
      ]
    },
    "owner": {
      "$ref": "#/definitions/reference"
    },
    "approvers": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "$ref": "#/definitions/reference"
      },
      "description": "Roster people or teams who must approve every change."
    },
    "effective_date": {
      "$ref": "#/definitions/date"
    },
    "review": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "cadence"
      ],
      "properties": {
        "cadence": {
          "enum": [
            "monthly",
            "quarterly",
            "semiannually",
            "annually"
          ]
        },
        "last_reviewed": {
          "$ref": "#/definitions/date"
        },
        "next_review": {
          "$ref": "#/definitions/date"
        }
      }
    },
    "criteria": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "$ref": "#/definitions/criterion"
      }
    },
    "acknowledgment": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "audience",
        "within_days"
      ],
      "properties": {
        "audience": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "$ref": "#/definitions/reference"
          },
          "description": "`everyone` for every active roster person, or team and person ids."
        },
        "within_days": {
          "type": "integer",
          "minimum": 1,
          "maximum": 365
        }
      }
    },
    "remediation_days": {
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "description": "Days to remediate a vulnerability alert by severity, from when it opened; alerts past it are exceptions (evident vulnerabilities collect).",
      "properties": {
        "critical": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3650
        },
        "high": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3650
        },
        "medium": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3650
        },
        "low": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3650
        }
      }
    }
  },
  "definitions": {
    "date": {
      "type": "string",
      "format": "date",
      "description": "A calendar date, YYYY-MM-DD."
    },
    "reference": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "A person id from the roster or a team id from evident.yaml."
    },
    "criterion": {
      "type": "string",
      "pattern": "^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$"
    }
  }
};
