/**
 * Listing pages (controls, policies, evidence, exceptions, policy changes, records):
 * a title, an introduction and tables whose cells are text, optionally linked or monospaced.
 * A table with rows holds the marker `<!--evident:rows-->` where `tableRowsTemplate` output
 * goes, a chunk of rows at a time (text from the data is escaped, so it cannot hold the marker).
 */
export const tablePageTemplate = `<h1>{{title}}</h1>
{{#if intro}}<p>{{intro}}</p>{{/if}}
{{#each sections}}
{{#if heading}}<h2{{#if id}} id="{{id}}"{{/if}}>{{heading}}</h2>{{/if}}
{{#if intro}}<p{{#if introClass}} class="{{introClass}}"{{/if}}>{{intro}}</p>{{/if}}
{{#if columns.length}}<table{{#if id}} id="{{id}}-table"{{/if}}>
<thead><tr>{{#each columns}}<th>{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#if rows.length}}<!--evident:rows-->{{else}}<tr><td colspan="{{columns.length}}" class="muted">{{#if empty}}{{empty}}{{else}}None.{{/if}}</td></tr>
{{/if}}</tbody>
</table>{{/if}}
{{/each}}
`;

/** Rows of a listing table, each followed by a line break. */
export const tableRowsTemplate = `{{#each this}}<tr>{{#each this}}<td>{{#if href}}<a href="{{href}}">{{text}}</a>{{else if code}}<span class="hash">{{text}}</span>{{else if state}}<span class="state state-{{state}}">{{text}}</span>{{else}}{{text}}{{/if}}</td>{{/each}}</tr>
{{/each}}`;
