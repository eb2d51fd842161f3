import { dateOrDateTime } from './schema-fragments.js';

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
              },
              "owner": {
                "type": "string",
                "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                "description": "System owner: roster person or team id."
              }
            }
          }
        },
        "commitments": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "services": {
          "type": "array",
          "description": "Services provided to user entities.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "description"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1
              },
              "description": {
                "type": "string"
              }
            }
          }
        },
        "boundary": {
          "type": "string",
          "description": "What lies inside and outside the boundary of the system, in a sentence or two."
        },
        "data_categories": {
          "type": "array",
          "description": "Categories of data the system processes.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "description"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1
              },
              "description": {
                "type": "string"
              },
              "systems": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          }
        },
        "subservice_organizations": {
          "type": "array",
          "description": "Vendors whose services are part of the system, with how the report treats them.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "services",
              "method"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1
              },
              "services": {
                "type": "string",
                "description": "What the subservice organisation provides."
              },
              "method": {
                "enum": [
                  "carve-out",
                  "inclusive"
                ],
                "description": "carve-out: its controls are excluded and monitored through its own report; inclusive: its controls are part of this report."
              },
              "report": {
                "type": "string",
                "description": "The report management reviews, e.g. SOC 2 Type II for 2025-10-01..2026-09-30."
              },
              "controls": {
                "type": "array",
                "description": "Complementary subservice organisation controls (CSOCs) the system relies on.",
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "description"
                  ],
                  "properties": {
                    "description": {
                      "type": "string",
                      "minLength": 1
                    },
                    "criteria": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "Criteria the control addresses, e.g. CC6.1."
                }
                  }
                }
              }
            }
          }
        },
        "user_entity_controls": {
          "type": "array",
          "description": "Complementary user entity controls (CUECs): what customers must do for the controls to achieve their objectives.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "description"
            ],
            "properties": {
              "description": {
                "type": "string",
                "minLength": 1
              },
              "criteria": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "Criteria the control addresses, e.g. CC6.1."
                }
            }
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
          },
          "responsibilities": {
            "type": "string",
            "description": "What the team is responsible for, for the system description."
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
        },
        "section_aliases": {
          "type": "object",
          "description": "Other titles that count as a required section, by section: Purpose: [Objective, Introduction]. They add to the built-in synonyms.",
          "additionalProperties": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1
            }
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
        },
        "section_aliases": {
          "type": "object",
          "description": "Other titles that count as a required section, by section: Purpose: [Objective, Introduction]. They add to the built-in synonyms.",
          "additionalProperties": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1
            }
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
    "access": {
      "type": "object",
      "additionalProperties": false,
      "description": "GitHub access snapshots and access reviews (docs/github-setup.md).",
      "properties": {
        "organization": {
          "type": "string",
          "pattern": "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
          "description": "GitHub organisation whose members, teams, invitations and two-factor status are recorded (default: the owner of the first repository)."
        },
        "admin_roles": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Roster roles that justify admin access (organisation owner or repository admin). Without it, admins are not reconciled."
        },
        "review_control": {
          "type": "string",
          "minLength": 1,
          "description": "Id of the control whose owner signs off the access review (default: the first control whose title mentions an access review)."
        }
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
        },
        "signing": {
          "type": "object",
          "additionalProperties": false,
          "description": "What verifies the signatures of evidence records: public keys, the workflow allowed to sign keyless, or both (docs/evidence.md#signed-records).",
          "properties": {
            "keyless": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "repository",
                "workflow",
                "ref"
              ],
              "description": "The only workflow whose keyless (Sigstore) signatures are accepted: its certificate must name this repository, workflow file and ref.",
              "properties": {
                "repository": {
                  "type": "string",
                  "pattern": "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",
                  "description": "OWNER/NAME of the repository whose workflow signs."
                },
                "workflow": {
                  "type": "string",
                  "pattern": "^\\.github/workflows/[A-Za-z0-9_.-]+\\.ya?ml$",
                  "description": "The workflow file that collects evidence, e.g. `.github/workflows/evidence.yml`."
                },
                "ref": {
                  "type": "string",
                  "pattern": "^refs/(heads|tags)/\\S+$",
                  "description": "The ref it runs on: the default branch, e.g. `refs/heads/main`."
                },
                "server_url": {
                  "type": "string",
                  "pattern": "^https://\\S+$",
                  "description": "The GitHub server, for GitHub Enterprise Server or data residency (default `https://github.com`)."
                },
                "issuer": {
                  "type": "string",
                  "pattern": "^https://\\S+$",
                  "description": "The OIDC issuer (default `https://token.actions.githubusercontent.com`)."
                }
              }
            },
            "keys": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "id",
                  "public_key",
                  "not_before"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "pattern": "^ed25519-[0-9a-f]{16}$",
                    "description": "The key id `evident signing keygen` prints."
                  },
                  "public_key": {
                    "type": "string",
                    "pattern": "^-----BEGIN PUBLIC KEY-----",
                    "description": "The Ed25519 public key, SPKI PEM."
                  },
                  "not_before": dateOrDateTime("Date (or date-time with seconds and a time zone) from which records may be signed with this key; a date is midnight UTC."),
                  "revoked_at": dateOrDateTime("Date (or date-time with seconds and a time zone) from which records signed with this key are refused; a date is midnight UTC.")
                }
              }
            },
            "required_from": {
              "type": "string",
              "format": "date",
              "description": "Records recorded on or after this date must be signed."
            }
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
