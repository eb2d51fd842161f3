import { referenceList } from './reference-template.js';

/** controls/<id>.html: a control, what it maps, the evidence it requires, its occurrences and the evidence in the period. */
export const controlTemplate = `<p class="muted"><a href="../controls.html">Controls</a> › {{id}}</p>
<h1>{{id}} {{title}}</h1>
<dl class="facts">
<dt>Owner</dt><dd>{{owner}}</dd>
<dt>Status</dt><dd><span class="state state-{{status}}">{{status}}</span>{{#if statusNote}}<br><span class="state state-warn" id="status-mismatch">{{statusNote}}</span>{{/if}}</dd>
<dt>Frequency</dt><dd>{{frequency}}</dd>
<dt>Criteria</dt><dd>{{#with criteria}}${referenceList()}{{/with}}</dd>
<dt>Policies</dt><dd>{{#with policies}}${referenceList('<span class="muted">none</span>')}{{/with}}</dd>
<dt>Source</dt><dd><code>{{file}}</code></dd>
</dl>

<h2>Evidence required</h2>
<table>
<thead><tr><th>Description</th><th>Collection</th><th>Source</th></tr></thead>
<tbody>{{#each required}}<tr><td>{{description}}</td><td>{{collection}}</td><td>{{source}}</td></tr>{{/each}}</tbody>
</table>

{{#if occurrences.length}}<h2 id="occurrences">Occurrences in the audit period</h2>
<p class="muted">Each occurrence the {{frequency}} frequency defines over the period, as <code>evident status</code> assesses it on {{asOf}}; also in occurrences.csv.</p>
<table class="occurrences">
<thead><tr><th>Occurrence</th><th>Window</th><th>Due</th><th>State</th><th>Evidence</th><th>Exception</th></tr></thead>
<tbody>
{{#each occurrences}}<tr data-occurrence="{{label}}" data-state="{{state}}"><td>{{label}}</td><td>{{start}} to {{end}}</td><td>{{due}}</td><td><span class="state state-{{state}}">{{stateLabel}}</span>{{#if spanningNote}}<br><span class="state state-warn">{{spanningNote}}</span>{{/if}}</td><td>{{#each files}}{{#if href}}<a href="{{href}}">{{path}}</a>{{else}}{{path}}{{/if}}<br>{{/each}}{{#each records}}<a href="{{href}}">{{path}}</a><br>{{/each}}</td><td>{{#if exception}}<a href="{{../exceptionsHref}}#{{exceptionAnchor}}">{{exception}}</a>{{#if response}}<br><span class="muted">Response: {{response}}</span>{{/if}}{{/if}}</td></tr>
{{/each}}</tbody>
</table>
{{#if spanning.length}}<h3 id="spanning">Items that meet several occurrences on their own</h3>
<p>Each item below covers a span longer than one occurrence and is the only evidence of the occurrences listed: judge whether one item can evidence each of them.</p>
<ul>{{#each spanning}}<li>{{#if href}}<a href="{{href}}">{{path}}</a>{{else}}{{path}}{{/if}}: met by a single item covering {{occurrences}} occurrences ({{labels}})</li>{{/each}}</ul>{{/if}}
{{/if}}

<h2 id="evidence">Evidence in the audit period</h2>
<table>
<thead><tr><th>File</th><th>Covers</th><th>Collected</th><th>Source</th></tr></thead>
<tbody>
{{#each evidence}}<tr><td>{{#if href}}<a href="{{href}}">{{path}}</a>{{else}}{{path}}{{/if}}</td><td>{{label}}</td><td>{{collected_at}}{{#if collected_by}} by {{collected_by}}{{/if}}</td><td>{{source}}</td></tr>
{{else}}<tr><td colspan="4" class="muted">No evidence file for this control in the period.</td></tr>
{{/each}}</tbody>
</table>

<div class="policy-body">{{{bodyHtml}}}</div>
`;
