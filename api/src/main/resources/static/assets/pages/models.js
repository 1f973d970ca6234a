import { api, el, has, layout, notice, t, when } from '/assets/app.js';
import { diagramAssets, drawDiagram } from '/assets/diagram.js';

const user = await layout('nav.models');
const message = document.getElementById('message');
if (!has(user, 'PROCESS_OWNER')) document.getElementById('deploy').hidden = true;
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

async function load() {
  const models = await api('/api/models');
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
    notice(message, deployed.map(d => d.bpmnProcessId + ' v' + d.version).join(', ') + ' ✓', 'ok');
    document.getElementById('report').replaceChildren();
    await load();
  } catch (err) { if (err.body && err.body.problems) report(err.body); notice(message, err.message, 'bad'); }
});
await load();
document.body.dataset.ready = 'true';
