import { api, bi, el, layout, money, statusBadge, t } from '/assets/app.js';

await layout('nav.cases');
const cases = await api('/api/cases');
const body = document.querySelector('#cases tbody');
body.replaceChildren(...cases.map(c => el('tr', {},
  el('td', {}, el('a', { href: '/case.html?id=' + c.id, class: 'case-link' }, c.project.title)),
  el('td', {}, c.measureName || c.measureId),
  el('td', {}, statusBadge(c.status)),
  el('td', {}, bi(c.currentStageName)),
  el('td', { class: 'num' }, money(c.approvedAmount || c.calculatedAmount)),
  el('td', { class: 'num' }, money(c.paidAmount)))));
if (!cases.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none'))));
