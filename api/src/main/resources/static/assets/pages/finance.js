import { api, bi, el, layout, money, notice, t, when } from '/assets/app.js';

const user = await layout('nav.finance');
const message = document.getElementById('message');
document.getElementById('limit').textContent = money(user.financeLimit);
const cents = s => BigInt(String(s).replace('.', '').padEnd(1, '0'));
const fromCents = c => { const s = c.toString().padStart(3, '0'); return s.slice(0, -2) + '.' + s.slice(-2); };
let queue = [];

async function load() {
  // the finance approvals and second approvals of this user, filtered by the server
  queue = [...await api('/api/tasks?form=finance-approval'), ...await api('/api/tasks?form=second-approval')];
  const body = document.querySelector('#queue tbody');
  body.replaceChildren(...queue.map(x => el('tr', { 'data-task': x.id, 'data-case': x.caseId },
    el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: x.id, checked: true })),
    el('td', {}, el('a', { href: '/case.html?id=' + x.caseId }, (x.enterprise || '') + ' · ' + (x.projectTitle || ''))),
    el('td', {}, '#' + (x.details.trancheNumber || 1)),
    el('td', { class: 'num' }, money(x.details.trancheAmount)),
    el('td', {}, bi(x.name), x.details.firstApprover ? el('span', { class: 'badge' }, ' 1st: ' + x.details.firstApprover) : ''))));
  if (!queue.length) body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('none'))));
  // exact sum in fen: no floating point
  document.getElementById('total').textContent = money(fromCents(queue.reduce((s, x) => s + cents(x.details.trancheAmount || '0.00'), 0n)));
  const payouts = await api('/api/payouts');
  document.querySelector('#payouts tbody').replaceChildren(...payouts.map(p => el('tr', {},
    el('td', {}, el('a', { href: '/case.html?id=' + p.caseId }, p.caseId.slice(0, 8))), el('td', {}, '#' + p.tranche),
    el('td', { class: 'num' }, money(p.amount)), el('td', { class: 'small' }, p.payee + ' · ' + (p.account || '—')),
    el('td', {}, el('span', { class: 'badge ok' }, p.status)),
    el('td', { class: 'small' }, p.exportMessageId ? t('finance.exported') + ' ' + when(p.exportedAt) : '—'))));
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

function save(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name + '.xml', id: 'export-link' }, 'pain.001');
  document.body.append(a);
  a.click();
  a.remove();
}

document.getElementById('approve-selected').addEventListener('click', async () => {
  const picked = [...document.querySelectorAll('.pick:checked')].map(b => b.value);
  if (!picked.length) return;
  try {
    // one action for all of them; each tranche is still approved (and recorded) on its own
    const done = await api('/api/tasks/approve', { method: 'POST', body: { taskIds: picked } });
    const refused = done.results.filter(r => r.status >= 400).map(r => '✗ ' + r.detail);
    notice(message, '✓ ' + done.approved + (refused.length ? ' · ' + refused.join(' · ') : ''), refused.length ? 'bad' : 'ok');
  } catch (e) { notice(message, e.message, 'bad'); }
  setTimeout(load, 1500);
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
