/** controls/<id>.html: a control, what it maps, the evidence it requires and the evidence in the period. */
export const controlTemplate = `<p class="muted"><a href="../controls.html">Controls</a> › {{id}}</p>
<h1>{{id}} {{title}}</h1>
<dl class="facts">
<dt>Owner</dt><dd>{{owner}}</dd>
<dt>Status</dt><dd><span class="state state-{{status}}">{{status}}</span></dd>
<dt>Frequency</dt><dd>{{frequency}}</dd>
<dt>Criteria</dt><dd>{{#each criteria}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{/each}}</dd>
<dt>Policies</dt><dd>{{#each policies}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{else}}<span class="muted">none</span>{{/each}}</dd>
<dt>Source</dt><dd><code>{{file}}</code></dd>
</dl>

<h2>Evidence required</h2>
<table>
<thead><tr><th>Description</th><th>Collection</th><th>Source</th></tr></thead>
<tbody>{{#each required}}<tr><td>{{description}}</td><td>{{collection}}</td><td>{{source}}</td></tr>{{/each}}</tbody>
</table>

<h2 id="evidence">Evidence in the audit period</h2>
<table>
<thead><tr><th>File</th><th>Covers</th><th>Collected</th><th>Source</th></tr></thead>
<tbody>
{{#each evidence}}<tr><td><a href="{{href}}">{{path}}</a></td><td>{{label}}</td><td>{{collected_at}}{{#if collected_by}} by {{collected_by}}{{/if}}</td><td>{{source}}</td></tr>
{{else}}<tr><td colspan="4" class="muted">No evidence file for this control in the period.</td></tr>
{{/each}}</tbody>
</table>

<div class="policy-body">{{{bodyHtml}}}</div>
`;
