/** JSON Schema of evident.yaml. Published as schemas/config.schema.json by scripts/write-schemas.mjs. */
export const configSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/config.schema.json",
  "title": "evident.yaml",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "organization",
    "frameworks",
    "audit"
  ],
  "properties": {
    "organization": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "security_officer"
      ],
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1
        },
        "security_officer": {
          "type": "string",
          "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
          "description": "Roster person id."
        },
        "description": {
          "type": "string"
        },
        "systems": {
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "description"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "description": {
                "type": "string"
              },
              "components": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          }
        },
        "commitments": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "frameworks": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "categories"
        ],
        "properties": {
          "id": {
            "const": "soc2"
          },
          "categories": {
            "type": "array",
            "uniqueItems": true,
            "contains": {
              "const": "security"
            },
            "items": {
              "enum": [
                "security",
                "availability",
                "confidentiality",
                "processing-integrity",
                "privacy"
              ]
            }
          }
        }
      }
    },
    "audit": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type"
      ],
      "properties": {
        "type": {
          "enum": [
            "type1",
            "type2"
          ]
        },
        "as_of": {
          "type": "string",
          "format": "date",
          "description": "Type I: the date the design is assessed."
        },
        "period": {
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
        },
        "auditor": {
          "type": "string"
        }
      }
    },
    "teams": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "name",
          "members"
        ],
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
          },
          "name": {
            "type": "string"
          },
          "github_team": {
            "type": "string",
            "pattern": "^[A-Za-z0-9-]+/[A-Za-z0-9_.-]+$",
            "description": "org/team-slug on GitHub."
          },
          "members": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      }
    },
    "paths": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "policies": {
          "type": "string"
        },
        "controls": {
          "type": "string"
        },
        "evidence": {
          "type": "string"
        },
        "people": {
          "type": "string"
        },
        "frameworks": {
          "type": "string"
        },
        "exceptions": {
          "type": "string"
        }
      }
    },
    "policies": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "required_sections": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "controls": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "required_sections": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "limits": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "max_file_bytes": {
          "type": "integer",
          "minimum": 1024
        }
      }
    },
    "rules": {
      "type": "object",
      "description": "Severity per rule id: error, warning, info or off.",
      "additionalProperties": {
        "enum": [
          "error",
          "warning",
          "info",
          "off"
        ]
      }
    },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "branch": {
          "type": "string"
        },
        "repositories": {
          "type": "array",
          "items": {
            "type": "string",
            "pattern": "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"
          }
        }
      }
    },
    "release": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "tag_pattern": {
          "type": "string"
        }
      }
    }
  }
};
