import { api, bi, el, layout, money, notice, statusBadge, t } from '/assets/app.js';

await layout('nav.cases');
// paged in the database (GET /api/cases?page=&size=, total in X-Total-Count); ?size= in the address sets the size
const pageSize = Math.min(500, Math.max(1, Number(new URLSearchParams(location.search).get('size')) || 50));
let page = 0;
const body = document.querySelector('#cases tbody');

async function load() {
  const response = await api('/api/cases?' + new URLSearchParams({ page, size: pageSize }), { raw: true });
  if (!response.ok) { notice(document.getElementById('message'), (await response.json()).detail || response.status, 'bad'); return; }
  const total = Number(response.headers.get('X-Total-Count') || 0);
  const cases = await response.json();
  body.replaceChildren(...cases.map(c => el('tr', {},
    el('td', {}, el('a', { href: '/case.html?id=' + c.id, class: 'case-link' }, c.project.title)),
    el('td', {}, c.measureName || c.measureId),
    el('td', {}, statusBadge(c.status)),
    el('td', {}, bi(c.currentStageName)),
    el('td', { class: 'num' }, money(c.approvedAmount || c.calculatedAmount)),
    el('td', { class: 'num' }, money(c.paidAmount)))));
  if (!cases.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none'))));
  const first = total ? page * pageSize + 1 : 0, last = page * pageSize + cases.length;
  document.getElementById('page-info').textContent = first + '–' + last + ' / ' + total;
  document.getElementById('page-prev').disabled = page === 0;
  document.getElementById('page-next').disabled = last >= total;
}

document.getElementById('page-prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
document.getElementById('page-next').addEventListener('click', () => { page += 1; load(); });
await load();
