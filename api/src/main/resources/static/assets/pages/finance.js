import { api, bi, el, layout, money, notice, t, when } from '/assets/app.js';

const user = await layout('nav.finance');
const message = document.getElementById('message');
document.getElementById('limit').textContent = money(user.financeLimit);
const cents = s => BigInt(String(s).replace('.', '').padEnd(1, '0'));
const fromCents = c => { const s = c.toString().padStart(3, '0'); return s.slice(0, -2) + '.' + s.slice(-2); };
// the queue and the payment instructions are paged in the database (GET /api/tasks?form=&roundId=&page=&size=,
// GET /api/payouts?page=&size=, totals in X-Total-Count); ?size= in the address sets the page size
const pageSize = Math.min(500, Math.max(1, Number(new URLSearchParams(location.search).get('size')) || 50));
const roundSelect = document.getElementById('f-round');
const formSelect = document.getElementById('f-form');
const batchButton = document.getElementById('approve-batch');
let queuePage = 0, payoutsPage = 0, rounds = [], facets = { rounds: [] };

async function paged(path, query) {
  const response = await api(path + '?' + new URLSearchParams(query), { raw: true });
  if (!response.ok) throw new Error((await response.json()).detail || response.status);
  return { total: Number(response.headers.get('X-Total-Count') || 0), rows: await response.json() };
}

function pager(prefix, page, shown, total) {
  const first = total ? page * pageSize + 1 : 0, last = page * pageSize + shown;
  document.getElementById(prefix + '-info').textContent = first + '–' + last + ' / ' + total;
  document.getElementById(prefix + '-prev').disabled = page === 0;
  document.getElementById(prefix + '-next').disabled = last >= total;
}

// the rounds in which the caller has approvals open, counted in the database (GET /api/tasks/facets)
async function loadRounds() {
  [rounds, facets] = await Promise.all([api('/api/rounds'), api('/api/tasks/facets')]);
  const keep = roundSelect.value;
  const name = id => (rounds.find(r => r.id === id) || {}).name || id.slice(0, 8);
  roundSelect.replaceChildren(el('option', { value: '' }, t('finance.allRounds')),
    ...facets.rounds.map(f => el('option', { value: f.value }, name(f.value) + ' (' + f.count + ')')));
  roundSelect.value = facets.rounds.some(f => f.value === keep) ? keep : '';
}

function showBatch() {
  const open = facets.rounds.find(f => f.value === roundSelect.value);
  batchButton.disabled = !open;
  batchButton.textContent = t('finance.approveBatch') + (open ? ' (' + open.count + ')' : '');
}

async function loadQueue() {
  const query = { form: formSelect.value, page: queuePage, size: pageSize };
  if (roundSelect.value) query.roundId = roundSelect.value;
  const { total, rows } = await paged('/api/tasks', query);
  const body = document.querySelector('#queue tbody');
  body.replaceChildren(...rows.map(x => el('tr', { 'data-task': x.id, 'data-case': x.caseId },
    el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: x.id, checked: true })),
    el('td', {}, el('a', { href: '/case.html?id=' + x.caseId }, (x.enterprise || '') + ' · ' + (x.projectTitle || ''))),
    el('td', {}, '#' + (x.details.trancheNumber || 1)),
    el('td', { class: 'num' }, money(x.details.trancheAmount)),
    el('td', {}, bi(x.name), x.details.firstApprover ? el('span', { class: 'badge' }, ' 1st: ' + x.details.firstApprover) : ''))));
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('none'))));
  // exact sum in fen: no floating point
  document.getElementById('total').textContent = money(fromCents(rows.reduce((s, x) => s + cents(x.details.trancheAmount || '0.00'), 0n)));
  pager('queue', queuePage, rows.length, total);
  showBatch();
}

async function loadPayouts() {
  const { total, rows } = await paged('/api/payouts', { page: payoutsPage, size: pageSize });
  document.querySelector('#payouts tbody').replaceChildren(...rows.map(p => el('tr', {},
    el('td', {}, el('a', { href: '/case.html?id=' + p.caseId }, p.caseId.slice(0, 8))), el('td', {}, '#' + p.tranche),
    el('td', { class: 'num' }, money(p.amount)), el('td', { class: 'small' }, p.payee + ' · ' + (p.account || '—')),
    el('td', {}, el('span', { class: 'badge ok' }, p.status)),
    el('td', { class: 'small' }, p.exportMessageId ? t('finance.exported') + ' ' + when(p.exportedAt) : '—'))));
  if (!rows.length) document.querySelector('#payouts tbody').append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none'))));
  pager('payouts', payoutsPage, rows.length, total);
}

async function loadFiles() {
  const files = await api('/api/payouts/exports');
  document.querySelector('#files tbody').replaceChildren(...files.map(f => el('tr', { 'data-file': f.messageId },
    el('td', {}, el('a', { href: '#', class: 'download', 'data-id': f.messageId }, f.messageId)),
    el('td', { class: 'small' }, when(f.createdAt) + ' · ' + f.createdBy), el('td', { class: 'num' }, String(f.transactions)),
    el('td', { class: 'num' }, money(f.controlSum)), el('td', { class: 'small mono' }, f.sha256.slice(0, 16) + '…'),
    el('td', { class: 'small' }, f.skipped || '—'))));
  if (!files.length) document.querySelector('#files tbody').append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none'))));
  document.querySelectorAll('#files a.download').forEach(a => a.addEventListener('click', async event => {
    event.preventDefault();
    const response = await api('/api/payouts/exports/' + encodeURIComponent(a.dataset.id), { raw: true });
    if (!response.ok) { notice(message, (await response.json()).detail, 'bad'); return; }
    save(await response.blob(), a.dataset.id);
  }));
}

async function load() {
  try {
    await loadRounds();
    await loadQueue();
    await loadPayouts();
    await loadFiles();
  } catch (e) { notice(message, e.message, 'bad'); }
}

roundSelect.addEventListener('change', () => { queuePage = 0; loadQueue(); });
formSelect.addEventListener('change', () => { queuePage = 0; loadQueue(); });
document.getElementById('queue-prev').addEventListener('click', () => { queuePage = Math.max(0, queuePage - 1); loadQueue(); });
document.getElementById('queue-next').addEventListener('click', () => { queuePage += 1; loadQueue(); });
document.getElementById('payouts-prev').addEventListener('click', () => { payoutsPage = Math.max(0, payoutsPage - 1); loadPayouts(); });
document.getElementById('payouts-next').addEventListener('click', () => { payoutsPage += 1; loadPayouts(); });

function save(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name + '.xml', id: 'export-link' }, 'pain.001');
  document.body.append(a);
  a.click();
  a.remove();
}

// one action for many; each tranche is still approved (and recorded) on its own, and the answer lists the refusals
async function approve(body) {
  try {
    const done = await api('/api/tasks/approve', { method: 'POST', body });
    const refused = done.results.filter(r => r.status >= 400).map(r => '✗ ' + r.detail);
    notice(message, '✓ ' + done.approved + (refused.length ? ' · ' + refused.join(' · ') : ''), refused.length ? 'bad' : 'ok');
  } catch (e) { notice(message, e.message, 'bad'); }
  setTimeout(load, 1500);
}

// the ticked tranches of this page
document.getElementById('approve-selected').addEventListener('click', async () => {
  const picked = [...document.querySelectorAll('.pick:checked')].map(b => b.value);
  if (picked.length) await approve({ taskIds: picked });
});

// every approval of the caller in the chosen round, whatever page it is on ("批准本批次全部")
batchButton.addEventListener('click', async () => {
  if (!roundSelect.value) return;
  batchButton.disabled = true;
  await approve({ roundId: roundSelect.value });
});

document.getElementById('export').addEventListener('click', async () => {
  const response = await api('/api/payouts/exports', { method: 'POST', raw: true });
  if (!response.ok) { notice(message, (await response.json()).detail, 'bad'); return; }
  save(await response.blob(), response.headers.get('X-Message-Id') || 'pain001');
  const skipped = Number(response.headers.get('X-Skipped') || 0);
  notice(message, 'pain.001 · ' + response.headers.get('X-Transactions') + ' ✓' + (skipped ? ' · ' + t('finance.skipped') + ' ' + skipped : ''), skipped ? 'bad' : 'ok');
  await load();
});

await load();
document.body.dataset.ready = 'true';
