/**
 * Population pages (workforce, change population, policy versions): counts, a filter (a text box
 * and a choice of tags, run by the portal's own script, which loads nothing) and one table whose
 * rows carry their tags. Rows go where `<!--evident:rows-->` is, a chunk at a time.
 */
export const populationPageTemplate = `<h1>{{title}}</h1>
<p>{{intro}}</p>
<div class="cards">{{#each counts}}<div class="card"><div class="n">{{n}}</div><div class="muted">{{label}}</div></div>{{/each}}</div>
<p><label for="population-filter">Filter</label> <input id="population-filter" type="search" autocomplete="off" placeholder="Type to filter rows">
<label for="population-tag">Show</label> <select id="population-tag"><option value="">all rows</option>{{#each tags}}<option value="{{value}}">{{label}}</option>{{/each}}</select>
<span id="population-count" class="muted">{{rowCount}} rows</span></p>
<table id="population-table">
<thead><tr>{{#each columns}}<th>{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#if rowCount}}<!--evident:rows-->{{else}}<tr><td colspan="{{columns.length}}" class="muted">{{empty}}</td></tr>
{{/if}}</tbody>
</table>
{{#if note}}<p class="muted">{{note}}</p>{{/if}}
`;

/** Rows of a population table, each with its tags for the filter. */
export const populationRowsTemplate = `{{#each this}}<tr data-tags="{{tags}}">{{#each cells}}<td>{{#if href}}<a href="{{href}}">{{text}}</a>{{else if code}}<span class="hash">{{text}}</span>{{else if state}}<span class="state state-{{state}}">{{text}}</span>{{else}}{{text}}{{/if}}</td>{{/each}}</tr>
{{/each}}`;

/** A policy version's page: its facts, then its text rendered as the policy pages render it. */
export const policyVersionTemplate = `<p class="muted"><a href="../../policy-versions.html">Policy versions</a> › {{id}} › version {{version}}</p>
<h1>{{title}} <span class="muted">version {{version}}</span></h1>
<dl class="facts">
<dt>Policy</dt><dd>{{#if current}}<a href="{{current}}">{{id}}</a>{{else}}{{id}} <span class="muted">(no longer in the repository)</span>{{/if}}</dd>
<dt>Status</dt><dd>{{status}}</dd>
<dt>In force</dt><dd>from {{from}} {{#if to}}to {{to}}{{else}}until now{{/if}}</dd>
<dt>Effective date stated</dt><dd>{{#if effective}}{{effective}}{{else}}<span class="muted">none</span>{{/if}}</dd>
{{#if flags.length}}<dt>Exceptions</dt><dd>{{#each flags}}<a href="../../exceptions.html#{{anchor}}"><span class="state state-warn">{{id}}</span></a>{{#unless @last}}<br>{{/unless}}{{/each}}<br><span class="muted">{{flagNote}}</span></dd>{{/if}}
<dt>Content SHA-256</dt><dd><span class="hash">{{sha256}}</span> of <a href="{{markdown}}">{{markdownName}}</a>, byte for byte</dd>
<dt>Commit</dt><dd><span class="hash">{{commit}}</span> (<code>{{path}}</code>)</dd>
<dt>Pull request</dt><dd>{{#if pullRequest}}#{{pullRequest}}{{else}}<span class="state state-missing">none found</span>{{/if}}</dd>
<dt>Approved by</dt><dd>{{#if approvers}}{{approvers}}{{else}}<span class="state state-missing">no approval record of this content</span>{{/if}}</dd>
<dt>Approval records</dt><dd>{{#each records}}<a href="{{href}}">{{name}}</a>{{#unless @last}}, {{/unless}}{{else}}<span class="muted">none</span>{{/each}}</dd>
</dl>
<div class="policy-body">{{{bodyHtml}}}</div>
`;
