import { api, csrfToken, el, lang, layout, money, notice, param, t } from '/assets/app.js';
import { inputFields } from '/assets/inputs.js';

await layout('nav.cases');
const MAX_BYTES = 20 * 1024 * 1024;
const message = document.getElementById('message');
const measure = await api('/api/measures/' + encodeURIComponent(param('measure') || ''));
document.getElementById('measure-name').textContent = (lang() === 'zh' ? measure.name : measure.nameEn) + ' · ' + measure.source.clause;
const rounds = (await api('/api/rounds')).filter(r => r.acceptingApplications && r.measures.includes(measure.id));
const roundSelect = document.getElementById('round');
roundSelect.replaceChildren(...rounds.map(r => el('option', { value: r.id }, r.name + ' · ' + new Date(r.windowCloses).toLocaleString())));
if (!rounds.length) notice(message, t('apply.noround'), 'bad');
const read = inputFields(measure, document.getElementById('inputs'));
// the clause's conditions, each quoted and cited, each asked for: a declaration, a figure, a count, two dates, or the
// document of its kind (uploaded below); the formal check verifies every one
const answers = [];
if (measure.conditions && measure.conditions.length) {
  const kinds = document.getElementById('kind');
  document.getElementById('conditions').append(el('h2', { class: 'spaced' }, '资助条件 Eligibility conditions'),
    el('ul', { class: 'small' }, measure.conditions.map(c => {
      const e = c.evidence;
      let ask = '';
      if (e.type === 'DECLARATION') {
        const box = el('input', { type: 'checkbox', id: 'cond-' + c.id });
        answers.push([c.id, () => box.checked ? true : null]);
        ask = el('label', { for: box.id, class: 'inline' }, box, ' 本单位承诺符合 we declare we meet it');
      } else if (e.type === 'FIGURE' || e.type === 'COUNT') {
        const box = el('input', { id: 'cond-' + c.id, inputmode: 'decimal', placeholder: (e.min ? '≥ ' + e.min : '') + (e.max ? ' ≤ ' + e.max : '') + (e.unit ? ' ' + e.unit : '') });
        answers.push([c.id, () => box.value.trim() || null]);
        ask = el('label', { for: box.id }, e.field, box);
      } else if (e.type === 'DATE_WITHIN') {
        const from = el('input', { type: 'date', id: 'cond-' + c.id + '-from' });
        const to = el('input', { type: 'date', id: 'cond-' + c.id + '-to' });
        answers.push([c.id, () => from.value && to.value ? { from: from.value, to: to.value } : null]);
        ask = el('div', { class: 'row' }, el('label', { for: from.id }, e.from, from), el('label', { for: to.id }, e.to + ' (≤ ' + e.within + ')', to));
      } else if (e.type === 'DOCUMENT') {
        if (![...kinds.options].some(o => o.value === e.kind)) kinds.append(el('option', { value: e.kind }, c.name + ' ' + e.kind));
        ask = el('span', { class: 'muted' }, ' · 请上传 upload: ' + e.kind);
      }
      return el('li', { 'data-condition': c.id }, el('b', {}, lang() === 'zh' ? c.name : (c.nameEn || c.name)),
        ' — “' + c.quote + '” ' + c.clause, el('div', {}, ask));
    })));
}
const eligibility = () => Object.fromEntries(answers.map(([id, read]) => [id, read()]).filter(([, v]) => v !== null));
const quote = document.getElementById('quote');
document.getElementById('inputs').addEventListener('input', async () => {
  try {
    const q = await api('/api/measures/' + measure.id + '/quote', { method: 'POST', body: { inputs: read() } });
    quote.textContent = t('quote.amount') + ' ' + money(q.amount) + ' — ' + q.explanation;
  } catch (e) { quote.textContent = e.message; }
});
document.getElementById('enterprise').addEventListener('input', e => { document.getElementById('accountName').value = e.target.value; });

let caseId = null;
const value = id => document.getElementById(id).value.trim();
document.getElementById('apply-form').addEventListener('submit', async e => {
  e.preventDefault();
  document.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
  try {
    const created = await api('/api/cases', { method: 'POST', body: {
      roundId: roundSelect.value, measureId: measure.id, inputs: read(), eligibility: eligibility(),
      applicant: { name: value('enterprise'), creditCode: value('creditCode') }, project: { title: value('title'), subject: value('subject') || null },
      payee: { accountName: value('accountName'), account: value('account'), bank: value('bank'), bankCode: value('bankCode') || null } } });
    caseId = created.id;
    document.getElementById('create').disabled = true;
    document.getElementById('uploads').hidden = false;
    notice(message, t('apply.saved'), 'ok');
  } catch (err) {
    notice(message, err.message, 'bad');
    const field = err.field && (document.getElementById('cond-' + err.field.split('.').pop()) || document.getElementById(err.field.split('.').pop()));
    if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
  }
});

// uploads with progress (XMLHttpRequest reports it); size and type are checked here and again by the server
document.getElementById('upload').addEventListener('click', () => {
  const file = document.getElementById('file').files[0];
  if (!file) return;
  if (file.size > MAX_BYTES) { notice(message, file.name + ': > 20MB', 'bad'); return; }
  const form = new FormData();
  form.append('file', file);
  form.append('kind', document.getElementById('kind').value);
  const xhr = new XMLHttpRequest();
  const bar = document.getElementById('bar');
  xhr.upload.onprogress = e => { if (e.lengthComputable) bar.style.width = Math.round(100 * e.loaded / e.total) + '%'; };
  xhr.onload = () => {
    const body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
    if (xhr.status === 201) {
      bar.style.width = '100%';
      document.getElementById('docs').append(el('li', { class: 'doc' }, body.name + ' · ' + body.kind + ' · ' + Math.ceil(body.size / 1024) + ' KB'));
    } else {
      notice(message, body.detail || ('HTTP ' + xhr.status), 'bad');
    }
  };
  xhr.open('POST', '/api/cases/' + caseId + '/documents');
  xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken());
  xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
  xhr.send(form);
});

document.getElementById('submit').addEventListener('click', async () => {
  try {
    await api('/api/cases/' + caseId + '/eligibility', { method: 'PUT', body: eligibility() });
    await api('/api/cases/' + caseId + '/submit', { method: 'POST' });
    location.href = '/case.html?id=' + caseId;
  } catch (err) { notice(message, err.message, 'bad'); }
});
