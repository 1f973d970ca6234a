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
  await drawDiagram(document.getElementById('diagram'), { xml });
}

async function load() {
  const models = await api('/api/models');
  document.querySelector('#models tbody').replaceChildren(...models.map(m => el('tr', { 'data-model': m.bpmnProcessId },
    el('td', {}, m.bpmnProcessId, el('div', { class: 'small muted' }, m.resourceName)), el('td', {}, 'v' + m.version),
    el('td', { class: 'small' }, when(m.deployedAt) + ' · ' + m.deployedBy), el('td', { class: 'num' }, m.cases),
    el('td', {}, el('button', { class: 'secondary show', onclick: () => show(m) }, t('models.show'))))));
  if (models.length) await show(models.find(m => m.bpmnProcessId === 'grant-round') || models[0]);
}

document.getElementById('deploy').addEventListener('submit', async e => {
  e.preventDefault();
  const form = new FormData();
  form.append('file', document.getElementById('model-file').files[0]);
  try {
    const deployed = await api('/api/models', { method: 'POST', form });
    notice(message, deployed.map(d => d.bpmnProcessId + ' v' + d.version).join(', ') + ' ✓', 'ok');
    await load();
  } catch (err) { notice(message, err.message, 'bad'); }
});
await load();
document.body.dataset.ready = 'true';
