import { api, el, has, layout, notice, t, when } from '/assets/app.js';
import { diagramAssets, drawDiagram } from '/assets/diagram.js';

const user = await layout('nav.models');
const message = document.getElementById('message');
if (!has(user, 'PROCESS_OWNER')) {
  document.getElementById('deploy').hidden = true;
  document.getElementById('migrate').hidden = true;
}
await diagramAssets();

async function show(model) {
  const response = await api('/api/models/' + model.processDefinitionKey + '/xml', { raw: true, accept: 'application/xml' });
  if (!response.ok) { notice(message, 'HTTP ' + response.status, 'bad'); return; }
  const xml = await response.text();
  document.getElementById('shown').textContent = model.bpmnProcessId + ' v' + model.version;
  const viewer = await drawDiagram(document.getElementById('diagram'), { xml });
  // the heat map: how many running cases wait at each element of this version, linked to them
  const waiting = await api('/api/models/' + model.processDefinitionKey + '/waiting');
  const most = Math.max(1, ...waiting.map(w => w.count));
  if (viewer) {
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    const canvas = viewer.get('canvas');
    waiting.filter(w => registry.get(w.elementId)).forEach(w => {
      canvas.addMarker(w.elementId, 'heat-' + Math.min(3, Math.ceil(3 * w.count / most)));
      overlays.add(w.elementId, 'heat', { position: { top: -10, right: 10 },
        html: el('span', { class: 'heat-count', 'data-element': w.elementId, title: w.count + ' 件 cases' }, String(w.count)) });
    });
  }
  document.getElementById('waiting').replaceChildren(...(waiting.length ? waiting.map(w => el('li', { 'data-element': w.elementId },
    el('b', {}, w.elementId), ' · ' + w.count + ' 件 cases: ',
    ...w.cases.map((c, i) => [i ? ', ' : '', el('a', { href: '/case.html?id=' + c.id }, c.enterprise)])))
    : [el('li', { class: 'muted' }, t('none'))]));
}

let models = [];

async function load() {
  models = await api('/api/models');
  fillMigration();
  const decisions = await api('/api/models/decisions');
  document.querySelector('#decisions tbody').replaceChildren(...(decisions.length ? decisions.map(d => el('tr', { 'data-decision': d.decisionId },
    el('td', {}, d.decisionId, el('div', { class: 'small muted' }, d.name || '')), el('td', {}, 'v' + d.version),
    el('td', { class: 'small' }, when(d.deployedAt) + ' · ' + d.deployedBy),
    el('td', {}, el('a', { href: '/api/models/decisions/' + d.decisionKey + '/xml', download: d.resourceName }, 'DMN'))))
    : [el('tr', {}, el('td', { class: 'muted' }, t('none')))]));
  document.querySelector('#models tbody').replaceChildren(...models.map(m => el('tr', { 'data-model': m.bpmnProcessId, 'data-key': m.processDefinitionKey },
    el('td', {}, m.bpmnProcessId, el('div', { class: 'small muted' }, m.resourceName)), el('td', {}, 'v' + m.version),
    el('td', { class: 'small' }, when(m.deployedAt) + ' · ' + m.deployedBy), el('td', { class: 'num' }, m.cases),
    el('td', {}, el('button', { class: 'secondary show', onclick: () => show(m) }, t('models.show'))))));
  if (models.length) await show(models.find(m => m.bpmnProcessId === 'grant-round') || models[0]);
}

// the check every deploy runs: problems naming the element and the rule, and what changes against the deployed version
function report(body) {
  const box = document.getElementById('report');
  const problems = body.problems || [];
  const diff = body.diff || [];
  box.replaceChildren(
    problems.length ? el('table', { id: 'problems' }, el('tbody', {}, problems.map(p => el('tr', { 'data-rule': p.rule },
      el('td', {}, el('b', {}, p.element || '—')), el('td', {}, el('span', { class: 'badge bad' }, p.rule)), el('td', { class: 'small' }, p.message)))))
      : el('p', { class: 'notice ok', id: 'valid' }, '校验通过 valid' + (body.comparedWith ? ' · ' + Object.entries(body.comparedWith).map(([k, v]) => k + ' v' + v).join(', ') : '')),
    diff.length ? el('table', { id: 'diff' }, el('tbody', {}, diff.map(d => el('tr', { 'data-change': d.change },
      el('td', {}, d.element), el('td', {}, el('span', { class: 'badge' + (d.change === 'REMOVED' ? ' bad' : d.change === 'ADDED' ? ' ok' : '') }, d.change)),
      el('td', { class: 'small' }, d.before || ''), el('td', { class: 'small' }, d.after || ''))))) : '');
}

function chosen() {
  const form = new FormData();
  form.append('file', document.getElementById('model-file').files[0]);
  return form;
}

document.getElementById('validate-button').addEventListener('click', async () => {
  try { report(await api('/api/models/validate', { method: 'POST', form: chosen() })); notice(message, '✓', 'ok'); }
  catch (err) { if (err.body && err.body.problems) report(err.body); notice(message, err.message, 'bad'); }
});

document.getElementById('deploy').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    const deployed = await api('/api/models', { method: 'POST', form: chosen() });
    notice(message, deployed.map(d => (d.bpmnProcessId || d.decisionId) + ' v' + d.version).join(', ') + ' ✓', 'ok');
    document.getElementById('report').replaceChildren();
    await load();
  } catch (err) { if (err.body && err.body.problems) report(err.body); notice(message, err.message, 'bad'); }
});
// migration: the versions with running cases, and the other versions of the same process to move them to
function option(m) { return el('option', { value: m.processDefinitionKey }, m.bpmnProcessId + ' v' + m.version + ' · ' + m.cases + ' 件 cases'); }
function fillMigration() {
  const source = document.getElementById('migrate-source');
  const kept = source.value;
  source.replaceChildren(...models.filter(m => m.cases > 0).map(option));
  if (kept && [...source.options].some(o => o.value === kept)) source.value = kept;
  fillTargets();
}
function fillTargets() {
  const from = models.find(m => String(m.processDefinitionKey) === document.getElementById('migrate-source').value);
  const target = document.getElementById('migrate-target');
  target.replaceChildren(...models.filter(m => from && m.bpmnProcessId === from.bpmnProcessId
    && m.processDefinitionKey !== from.processDefinitionKey).map(option));
  document.getElementById('plan').replaceChildren();
  document.getElementById('migrate-button').disabled = true;
}
document.getElementById('migrate-source').addEventListener('change', fillTargets);
document.getElementById('migrate-target').addEventListener('change', () => {
  document.getElementById('plan').replaceChildren();
  document.getElementById('migrate-button').disabled = true;
});

function migrationRequest() {
  const mapping = {};
  document.querySelectorAll('#mapping select').forEach(s => {
    if (s.dataset.how !== 'same-id' || s.value !== s.dataset.source) mapping[s.dataset.source] = s.value;
  });
  return { sourceKey: Number(document.getElementById('migrate-source').value),
    targetKey: Number(document.getElementById('migrate-target').value), mapping };
}

function showPlan(plan) {
  const targets = Object.entries(plan.targetElements);
  const mapping = el('table', { id: 'mapping' }, el('thead', {}, el('tr', {}, el('th', {}, '源元素 Source element'),
    el('th', {}, '目标元素 Target element'), el('th', {}, ''))), el('tbody', {}, plan.mapping.map(m => el('tr', { 'data-source': m.source },
      el('td', {}, el('b', {}, m.source), el('div', { class: 'small muted' }, m.kind + ' · ' + m.name)),
      el('td', {}, el('select', { 'data-source': m.source, 'data-how': m.how },
        el('option', { value: '' }, '— 不映射 none'),
        ...targets.filter(([, kind]) => kind === m.kind).map(([id]) => el('option', { value: id, selected: id === m.target ? '' : null }, id)))),
      el('td', {}, el('span', { class: 'badge' + (m.target ? ' ok' : ' bad') }, m.how))))));
  const cases = el('table', { id: 'migrate-cases' }, el('tbody', {}, plan.cases.map(c => el('tr', { 'data-case': c.caseId, 'data-can-move': String(c.canMove) },
    el('td', {}, el('a', { href: '/case.html?id=' + c.caseId }, c.projectTitle)), el('td', { class: 'small' }, c.stage),
    el('td', { class: 'small' }, c.waitingAt.join(', ')),
    el('td', {}, el('span', { class: 'badge ' + (c.canMove ? 'ok' : 'bad') }, c.canMove ? '可迁移 can move' : '不能迁移 blocked')),
    el('td', { class: 'small' }, c.reason)))));
  document.getElementById('plan').replaceChildren(
    el('p', { id: 'plan-summary', class: 'notice' }, plan.source.processId + ' v' + plan.source.version + ' → v' + plan.target.version
      + ' · ' + plan.movable + ' 件可迁移 can move · ' + plan.blocked + ' 件不能 blocked'), mapping, cases);
  document.getElementById('migrate-button').disabled = plan.movable === 0;
}

document.getElementById('plan-button').addEventListener('click', async () => {
  try { showPlan(await api('/api/models/migrations/plan', { method: 'POST', body: migrationRequest() })); notice(message, '✓', 'ok'); }
  catch (err) { notice(message, err.message, 'bad'); }
});
document.getElementById('migrate').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    const result = await api('/api/models/migrations', { method: 'POST', body: migrationRequest() });
    await load(); // the cases per version have changed (this clears the plan: the results take its place)
    notice(message, '已迁移 migrated ' + result.migrated + ' · 未迁移 not moved ' + result.failed, result.failed ? 'bad' : 'ok');
    document.getElementById('plan').replaceChildren(el('table', { id: 'migrated' }, el('tbody', {}, result.cases.map(c => el('tr', { 'data-case': c.caseId },
      el('td', {}, el('a', { href: '/case.html?id=' + c.caseId }, c.caseId)),
      el('td', {}, el('span', { class: 'badge ' + (c.migrated ? 'ok' : 'bad') }, c.migrated ? '已迁移 migrated' : '未迁移 not moved')),
      el('td', { class: 'small' }, c.reason || ''))))));
    document.getElementById('migrate-button').disabled = true;
  } catch (err) { notice(message, err.message, 'bad'); }
});

await load();
document.body.dataset.ready = 'true';
