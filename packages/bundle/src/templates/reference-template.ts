/** A list of references (criteria, policies): links where the page exists, else the id with a note, never an empty link. */
export const referenceList = (empty = '') =>
  `{{#each this}}{{#if href}}<a href="{{href}}">{{id}}</a>{{else}}{{id}}{{#if note}} <span class="muted">({{note}})</span>{{/if}}{{/if}}{{#unless @last}}, {{/unless}}{{else}}${empty}{{/each}}`;
