import { api, el, has, lang, layout, money, notice, param, t } from '/assets/app.js';
import { inputFields } from '/assets/inputs.js';

const user = await layout('nav.measures');
const measures = (await api('/api/measures')).filter(m => m.cash);
const list = document.getElementById('list');
const detail = document.getElementById('detail');
const name = m => lang() === 'zh' ? m.name : (m.nameEn || m.name);

function renderList(filter = '') {
  const f = filter.toLowerCase();
  list.replaceChildren(...measures.filter(m => !f || m.id.includes(f) || m.name.includes(filter) || (m.nameEn || '').toLowerCase().includes(f))
    .map(m => el('li', { style: 'padding:6px 0;border-bottom:1px solid #eee' },
      el('a', { href: '#', id: 'measure-' + m.id, onclick: e => { e.preventDefault(); show(m); } }, name(m)),
      el('div', { class: 'small muted' }, m.source.title.slice(0, 24) + ' ' + m.source.clause))));
}

function show(m) {
  history.replaceState(null, '', '?id=' + m.id);
  const fields = el('div');
  const result = el('div', { id: 'quote-result' });
  const read = inputFields(m, fields);
  const quote = async () => {
    try {
      const q = await api('/api/measures/' + m.id + '/quote', { method: 'POST', body: { inputs: read() } });
      result.replaceChildren(el('div', { class: 'notice ok' },
        el('div', {}, t('quote.amount') + ' '), el('div', { class: 'amount', id: 'quote-amount' }, money(q.amount)),
        q.capped ? el('span', { class: 'badge warn' }, t('quote.capped')) : '',
        el('div', { class: 'small' }, q.explanation),
        q.schedule && q.schedule.length ? el('div', { class: 'small' }, q.schedule.map(y => `Y${y.year}: ${money(y.amount)}`).join(' · ')) : ''));
    } catch (e) {
      notice(result, e.message, 'bad');
    }
  };
  fields.addEventListener('input', () => { clearTimeout(fields.timer); fields.timer = setTimeout(quote, 250); });
  fields.addEventListener('change', quote);
  detail.replaceChildren(
    el('h2', {}, name(m)),
    el('blockquote', { class: 'muted', style: 'margin:0 0 10px;border-left:3px solid #ddd;padding-left:10px' }, m.quote),
    el('dl', { class: 'kv' },
      el('dt', {}, t('source')), el('dd', {}, m.source.title + ' ' + m.source.clause,
        m.source.status === 'DRAFT_FOR_COMMENT' ? el('span', { class: 'badge warn', id: 'draft' }, ' 征求意见稿 draft for comment') : ''),
      el('dt', {}, '有效期 Valid'), el('dd', { id: 'validity' }, m.validFrom + ' – ' + m.validUntil),
      el('dt', {}, t('mode')), el('dd', {}, m.mode + (m.auditRequired ? ' · 专项审计 special audit' : '')),
      el('dt', {}, 'ID'), el('dd', { class: 'small' }, m.id)),
    m.conditions && m.conditions.length ? el('div', { id: 'conditions' }, el('h2', { style: 'margin-top:16px' }, '资助条件 Eligibility conditions'),
      el('ul', {}, m.conditions.map(c => el('li', { 'data-condition': c.id }, el('b', {}, c.name), ' ', el('span', { class: 'muted' }, c.nameEn || ''),
        el('div', { class: 'small' }, '“' + c.quote + '” ' + c.clause + ' · ' + c.evidence.type
          + (c.evidence.kind ? ' ' + c.evidence.kind : '') + (c.evidence.min ? ' ≥ ' + c.evidence.min : '') + (c.evidence.max ? ' ≤ ' + c.evidence.max : '')
          + (c.evidence.within ? ' ' + c.evidence.from + ' → ' + c.evidence.to + ' ≤ ' + c.evidence.within : '')))))) : '',
    el('h2', { style: 'margin-top:16px' }, t('inputs')), fields, result,
    has(user, 'APPLICANT') ? el('div', { class: 'actions' }, el('a', { class: 'button', id: 'apply', href: '/apply.html?measure=' + m.id }, t('measures.apply'))) : '');
  quote();
}

document.getElementById('filter').addEventListener('input', e => renderList(e.target.value.trim()));
renderList();
show(measures.find(m => m.id === param('id')) || measures[0]);
