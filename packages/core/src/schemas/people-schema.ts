/** JSON Schema of Evident people roster. Published as schemas/people.schema.json by scripts/write-schemas.mjs. */
export const peopleSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://evident.dev/schemas/people.schema.json",
  "title": "Evident people roster",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "people"
  ],
  "properties": {
    "people": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "name",
          "github",
          "email",
          "roles",
          "start_date"
        ],
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
          },
          "name": {
            "type": "string",
            "minLength": 1
          },
          "github": {
            "type": "string",
            "pattern": "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$",
            "description": "GitHub login."
          },
          "email": {
            "type": "string",
            "format": "email"
          },
          "roles": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1
            }
          },
          "start_date": {
            "type": "string",
            "format": "date"
          },
          "end_date": {
            "type": "string",
            "format": "date"
          },
          "manager": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "Roster person id of the person's manager (the reporting line); `evident check` reports an id missing from the roster."
          },
          "example": {
            "type": "boolean",
            "description": "Marks a fictional person of the starter roster; `evident check` reports it until the entry describes a real person and the key is removed."
          }
        }
      }
    }
  }
};
