import { api, el, layout, money, notice, t, when } from '/assets/app.js';

await layout('nav.publicity');
const message = document.getElementById('message');
const form = document.getElementById('objection');
let target = null;
const listing = await api('/api/publicity');
const body = document.querySelector('#listing tbody');
body.replaceChildren(...listing.map(x => el('tr', { 'data-case': x.caseId },
  el('td', {}, x.round, el('div', { class: 'small muted' }, x.planNumber || '')), el('td', {}, x.enterprise), el('td', {}, x.projectTitle),
  el('td', { class: 'small' }, x.measureName), el('td', { class: 'num' }, money(x.amount)),
  el('td', { class: 'small' }, when(x.publicityEnds), x.onHold ? el('div', {}, el('span', { class: 'badge warn' }, t('publicity.onhold'))) : ''),
  el('td', {}, el('button', { class: 'secondary object', onclick: () => {
    target = x; form.hidden = false;
    document.getElementById('objection-target').textContent = x.enterprise + ' · ' + x.projectTitle;
    form.scrollIntoView();
  } }, t('publicity.object'))))));
if (!listing.length) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, t('publicity.empty'))));

form.addEventListener('submit', async e => {
  e.preventDefault();
  try {
    const receipt = await api('/api/publicity/' + target.caseId + '/objections', { method: 'POST', body: {
      type: document.getElementById('o-type').value, name: document.getElementById('o-name').value,
      contact: document.getElementById('o-contact').value, content: document.getElementById('o-content').value } });
    notice(message, receipt.message, receipt.status === 'REFUSED_ANONYMOUS' ? 'bad' : 'ok');
    form.hidden = true;
  } catch (err) {
    notice(message, err.message, 'bad');
  }
});
document.body.dataset.ready = 'true';
