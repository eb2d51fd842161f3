/** criteria/<id>.html: one criterion with its controls, policies and evidence. */
export const criterionTemplate = `<p class="muted"><a href="../index.html#criteria">Criteria</a> › {{id}}</p>
<h1>{{id}} {{topic}}</h1>
<dl class="facts">
<dt>Category</dt><dd>{{category}}</dd>
<dt>Family</dt><dd>{{family}}</dd>
<dt>State</dt><dd><span class="state state-{{state}}">{{state}}</span></dd>
</dl>
<p>{{summary}}</p>
{{#if text}}<h2>Criterion text</h2>
<div class="licensed">{{text}}</div>
<p class="muted">From the organisation's licensed copy of the criteria.</p>{{/if}}

<h2>Controls</h2>
<table>
<thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Owner</th><th>Evidence files</th></tr></thead>
<tbody>
{{#each controls}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td><span class="state state-{{status}}">{{status}}</span></td><td>{{owner}}</td><td>{{evidence}}</td></tr>
{{else}}<tr><td colspan="5" class="muted">No control maps this criterion: see exceptions.</td></tr>
{{/each}}</tbody>
</table>

<h2>Policies</h2>
{{#if policies.length}}<ul>{{#each policies}}<li>{{#if href}}<a href="{{href}}">{{id}}</a> {{title}}{{else}}{{id}} <span class="muted">(unknown policy)</span>{{/if}}</li>{{/each}}</ul>{{else}}<p class="muted">No policy.</p>{{/if}}
`;
