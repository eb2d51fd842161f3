import { referenceList } from './reference-template.js';

/** index.html: scope and system description (what the Description Criteria ask), readiness, the occurrences heatmap, search and the criteria table. */
export const indexTemplate = `<h1>{{scope.organization}}: SOC 2 {{scope.auditType}} evidence bundle</h1>
<p class="muted">Audit period {{scope.period.start}} to {{scope.period.end}}{{#if scope.auditor}} · auditor {{scope.auditor}}{{/if}} · gaps assessed as of {{scope.asOf}}</p>
{{#if placeholders}}<p class="banner" id="placeholders" role="alert"><strong>Built with {{placeholders.label}}.</strong> Parts of this program still hold what Evident's starter ships (<code>REPLACE</code> markers, the example organisation, example people or code owners): they describe no real company. The bundle was built with <code>--allow-placeholders</code>, and <code>manifest.json</code> records it. Run <code>evident check</code> to list them (<code>content/placeholder</code>).</p>{{/if}}

<h2 id="scope">Scope and system description</h2>
<dl class="facts">
<dt>Organisation</dt><dd>{{scope.organization}}</dd>
<dt>Services provided</dt><dd>{{#if scope.description}}{{scope.description}}{{else}}{{#unless system.services.length}}<span class="muted">Not described in evident.yaml.</span>{{/unless}}{{/if}}</dd>
<dt>Report</dt><dd>SOC 2 {{scope.auditType}}, {{scope.period.start}} to {{scope.period.end}}</dd>
<dt>Trust services categories</dt><dd>{{#each scope.categories}}{{name}}{{#unless @last}}, {{/unless}}{{/each}}</dd>
<dt>Framework</dt><dd>{{scope.framework}}</dd>
<dt>System owners</dt><dd>{{#each system.owners}}{{this}}{{#unless @last}}, {{/unless}}{{else}}<span class="muted">Not named in evident.yaml.</span>{{/each}}</dd>
<dt>Management's assertion</dt><dd><a href="management-assertion.html">Draft for management to edit and sign</a> (also <a href="management-assertion.md">as Markdown</a>)</dd>
</dl>

{{#if system.services.length}}<h3 id="services">Services</h3>
<table>
<thead><tr><th>Service</th><th>Description</th></tr></thead>
<tbody>{{#each system.services}}<tr><td>{{name}}</td><td>{{description}}</td></tr>{{/each}}</tbody>
</table>{{/if}}

<h3 id="components">System components and boundaries</h3>
<p>The system under audit is made of the systems below; anything not listed is outside the boundary of this report.{{#if system.boundary}} {{system.boundary}}{{/if}}</p>
<table>
<thead><tr><th>System</th><th>Description</th><th>Components</th><th>Owner</th></tr></thead>
<tbody>
{{#each system.systems}}<tr><td>{{name}}</td><td>{{description}}</td><td>{{#each components}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</td><td>{{owner}}</td></tr>
{{else}}<tr><td colspan="4" class="muted">No systems listed in evident.yaml.</td></tr>
{{/each}}</tbody>
</table>

<h3 id="data">Data</h3>
{{#if system.dataCategories.length}}<table>
<thead><tr><th>Data category</th><th>Description</th><th>Systems</th></tr></thead>
<tbody>{{#each system.dataCategories}}<tr><td>{{name}}</td><td>{{description}}</td><td>{{systems}}</td></tr>{{/each}}</tbody>
</table>{{else}}<p class="muted">No data categories listed in evident.yaml.</p>{{/if}}

<h3 id="people">People and teams</h3>
<p>{{system.people.active}} people on the roster as of {{scope.asOf}}, in {{system.people.teams}} teams.</p>
{{#if system.teams.length}}<table>
<thead><tr><th>Team</th><th>Responsibilities</th><th>Members</th></tr></thead>
<tbody>{{#each system.teams}}<tr><td>{{name}}</td><td>{{responsibilities}}</td><td>{{members}}</td></tr>{{/each}}</tbody>
</table>{{/if}}

<h3 id="subservice">Subservice organisations</h3>
{{#if system.subservice.length}}<table>
<thead><tr><th>Organisation</th><th>Services</th><th>Method</th><th>Report reviewed</th><th>Complementary subservice organisation controls</th></tr></thead>
<tbody>{{#each system.subservice}}<tr><td>{{name}}</td><td>{{services}}</td><td>{{method}}</td><td>{{report}}</td><td>{{#if controls.length}}<ul>{{#each controls}}<li>{{description}}{{#if criteria.length}} ({{#with criteria}}${referenceList()}{{/with}}){{/if}}</li>{{/each}}</ul>{{/if}}</td></tr>{{/each}}</tbody>
</table>{{else}}<p class="muted">No subservice organisation listed in evident.yaml.</p>{{/if}}

<h3 id="cuecs">Complementary user entity controls</h3>
{{#if system.userEntityControls.length}}<table>
<thead><tr><th>What user entities are expected to do</th><th>Criteria</th></tr></thead>
<tbody>{{#each system.userEntityControls}}<tr><td>{{description}}</td><td>{{#with criteria}}${referenceList()}{{/with}}</td></tr>{{/each}}</tbody>
</table>{{else}}<p class="muted">No complementary user entity control listed in evident.yaml.</p>{{/if}}

<h3 id="commitments">Principal service commitments and system requirements</h3>
{{#if system.commitments.length}}<ul>{{#each system.commitments}}<li>{{this}}</li>{{/each}}</ul>{{else}}<p class="muted">No commitments listed in evident.yaml.</p>{{/if}}

<h3>Incidents, changes and deviations</h3>
<p><a href="policy-history.html">{{readiness.changesLabel}}</a> in the period, <a href="exceptions.html">{{readiness.exceptionsLabel}}</a> found by Evident ({{readiness.respondedLabel}}), and <a href="records.html">{{readiness.recordsLabel}}</a> (approvals, acknowledgments, exceptions) from the evidence branch.</p>

<h2 id="readiness">Readiness summary</h2>
<div class="cards">
<div class="card"><div class="n" id="readiness-figure">{{readiness.label}}</div>readiness ({{readiness.met}} of {{readiness.total}}){{#if readiness.reason}}<br><span class="muted">{{readiness.reason}}</span>{{/if}}</div>
<div class="card"><div class="n">{{readiness.covered}}/{{readiness.criteria}}</div>criteria mapped to a control</div>
<div class="card"><div class="n">{{readiness.operating}}</div>criteria with an operating control</div>
<div class="card"><div class="n">{{readiness.approved}}/{{readiness.policiesInForce}}</div>policies in force with an approval of their current content</div>
<div class="card"><div class="n">{{readiness.evidenceIncluded}}</div>evidence files in the period{{#if readiness.evidenceExcluded}} ({{readiness.evidenceExcluded}} listed, not included){{/if}}</div>
<div class="card"><div class="n"><a href="exceptions.html">{{readiness.exceptions}}</a></div>exceptions</div>
<div class="card"><div class="n"><span class="state state-{{readiness.chainState}}">{{readiness.chainLabel}}</span></div>evidence chain, {{readiness.records}} records; {{readiness.historyLabel}}</div>
</div>
{{#if readiness.exceptionKinds.length}}<table>
<thead><tr><th>Exception kind</th><th>Count</th></tr></thead>
<tbody>{{#each readiness.exceptionKinds}}<tr><td>{{kind}}</td><td>{{count}}</td></tr>{{/each}}</tbody>
</table>{{/if}}
<p class="muted">{{readiness.rule}}</p>
{{#if heatmap}}<h3 id="occurrences">Occurrences of each control</h3>
<p>One row per control, one cell per occurrence on the timeline of the audit period, as of {{scope.asOf}}. Each cell's title says which occurrence it is and what evidence meets it; each control page lists its occurrences, and occurrences.csv holds them all.</p>
{{{heatmap}}}
<ul class="legend">{{#each legend}}<li>{{{swatch}}} {{label}} ({{count}})</li>{{/each}}</ul>{{/if}}
<p class="muted">evident check on the same tree: {{readiness.check.error}} errors, {{readiness.check.warning}} warnings.</p>

<h2 id="search-section">Search</h2>
<label for="search">Find a criterion, control or policy by id or title</label><br>
<input id="search" type="search" autocomplete="off" placeholder="e.g. CC6.1, access review, encryption">
<ul id="search-results"></ul>

<h2 id="criteria">Criteria, controls and policies</h2>
<table id="criteria-table">
<thead><tr><th>Criterion</th><th>Topic</th><th>State</th><th>Controls</th><th>Policies</th><th>Evidence files</th></tr></thead>
<tbody>
{{#each criteria}}<tr class="criterion-row"><td><a href="{{href}}">{{id}}</a></td><td>{{topic}}</td><td><span class="state state-{{state}}">{{state}}</span></td><td>{{#each controls}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{/each}}</td><td>{{#with policies}}${referenceList()}{{/with}}</td><td>{{evidence}}</td></tr>
{{/each}}</tbody>
</table>
<script type="application/json" id="search-data">{{{searchData}}}</script>
`;
