import { dateOrDateTime } from './schema-fragments.js';

/** JSON Schema of Evident evidence item metadata. Published as schemas/evidence-item.schema.json by scripts/write-schemas.mjs. */
export const evidenceItemSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/evidence-item.schema.json",
  "title": "Evident evidence item metadata",
  "description": "The `<file>.evidence.yaml` sidecar next to an evidence file under evidence/.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "controls",
    "covers",
    "collected_at",
    "collected_by",
    "source",
    "sha256"
  ],
  "properties": {
    "controls": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "type": "string",
        "pattern": "^[A-Z]{2,5}-[0-9]{2,3}$",
        "description": "A control id such as AC-01."
      }
    },
    "covers": {
      "type": [
        "string",
        "integer",
        "object"
      ],
      "description": "The period or date the evidence is about (its effective period, not the commit date): a label such as 2026-Q3, 2026-07, 2026, 2026-W27, 2026-07-14 or START..END, or { start, end }.",
      "if": {
        "type": "object"
      },
      "then": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "start",
          "end"
        ],
        "properties": {
          "start": {
            "type": "string",
            "format": "date"
          },
          "end": {
            "type": "string",
            "format": "date"
          }
        }
      }
    },
    "collected_at": dateOrDateTime("A date (YYYY-MM-DD) or a date and time with seconds and a time zone (2026-07-14T09:30:00Z), each a real calendar day and time."),
    "collected_by": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "A person id from the roster."
    },
    "source": {
      "type": "string",
      "minLength": 1,
      "description": "The system or process the evidence was taken from."
    },
    "sha256": {
      "type": "string",
      "pattern": "^[0-9a-f]{64}$",
      "description": "The SHA-256 of the evidence file as 64 lowercase hex digits."
    },
    "size": {
      "type": "integer",
      "minimum": 0,
      "description": "Optional: the evidence file's size in bytes. For a Git LFS pointer it is checked against the pointer's size."
    },
    "description": {
      "type": "string"
    },
    "event": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      "description": "The id of the event this item evidences, as listed in the control's population."
    },
    "events": {
      "type": "array",
      "description": "For event-driven controls: the population, every event of the covered period.",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "date"
        ],
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "description": "An event id made of letters, digits, dots, dashes and underscores."
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "description": {
            "type": "string"
          }
        }
      }
    }
  }
};
