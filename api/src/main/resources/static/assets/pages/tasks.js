import { api, bi, conditionChecklist, el, has, layout, money, notice, relatedApplications, t, when } from '/assets/app.js';
import { inputLabel } from '/assets/inputs.js';

const user = await layout('nav.tasks');
const message = document.getElementById('message');
const work = document.getElementById('work');
let tasks = [];
const rounds = await api('/api/rounds');
const roundName = id => (rounds.find(r => r.id === id) || {}).name || '';
// the list is filtered and paged in the database (GET /api/tasks?…&page=&size=, total in X-Total-Count); ?size= in
// the page's address sets the page size
// the address can also filter: ?caseId= (a case's tasks, e.g. from its page), ?taskType=, ?roundId=, ?measureId=
const address = new URLSearchParams(location.search);
const pageSize = Math.min(500, Math.max(1, Number(address.get('size')) || 50));
const caseId = address.get('caseId');
let page = 0, total = 0;
if (caseId) {
  const only = document.getElementById('case-filter');
  only.hidden = false;
  only.querySelector('a').href = '/tasks.html';
}

function options(select, facets, label) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, t('measures.all')),
    ...facets.map(f => el('option', { value: f.value }, label(f) + ' (' + f.count + ')')));
  select.value = facets.some(f => f.value === keep) ? keep : '';
}

// the filters offer what the caller's open tasks have, counted in the database (GET /api/tasks/facets)
let first = true;
async function load() {
  const facets = await api('/api/tasks/facets');
  if (first) {
    first = false;
    [['f-type', 'taskType'], ['f-round', 'roundId'], ['f-measure', 'measureId']].forEach(([id, name]) => {
      const select = document.getElementById(id);
      if (address.get(name)) select.replaceChildren(el('option', { value: address.get(name) }, address.get(name)));
      select.value = address.get(name) || '';
    });
  }
  options(document.getElementById('f-type'), facets.steps, f => bi(f.label));
  options(document.getElementById('f-round'), facets.rounds, f => roundName(f.value));
  options(document.getElementById('f-measure'), facets.measures, f => f.value);
  await fetchPage();
}

async function fetchPage() {
  const query = new URLSearchParams({ page, size: pageSize });
  if (caseId) query.set('caseId', caseId);
  const filters = { taskType: 'f-type', roundId: 'f-round', measureId: 'f-measure', waitingHours: 'f-age' };
  Object.entries(filters).forEach(([name, id]) => { const v = document.getElementById(id).value; if (v) query.set(name, v); });
  const response = await api('/api/tasks?' + query, { raw: true });
  if (!response.ok) { notice(message, (await response.json()).detail || response.status, 'bad'); return; }
  total = Number(response.headers.get('X-Total-Count') || 0);
  tasks = await response.json();
  if (!tasks.length && page > 0 && page * pageSize >= total) { page = Math.max(0, Math.ceil(total / pageSize) - 1); return fetchPage(); }
  render();
}

function render() {
  const body = document.querySelector('#tasks tbody');
  body.replaceChildren(...tasks.map(x => el('tr', { 'data-task': x.id, 'data-type': x.taskType, 'data-case': x.caseId || '' },
    el('td', {}, bi(x.name)),
    el('td', {}, x.caseId ? el('a', { href: '/case.html?id=' + x.caseId }, (x.enterprise || '') + ' · ' + (x.projectTitle || '')) : roundName(x.roundId)),
    el('td', { class: 'small' }, x.measureId || ''),
    el('td', { class: 'num' }, money((x.details && x.details.trancheAmount) || x.calculatedAmount)),
    el('td', { class: 'small' }, when(x.createdAt)),
    el('td', {}, x.claimedBy || ''),
    el('td', {}, el('div', { class: 'actions', style: 'margin:0' },
      el('button', { class: 'open', onclick: () => open(x) }, t('tasks.open')),
      x.claimedBy === user.user ? el('button', { class: 'secondary unclaim', onclick: () => claim(x, false) }, t('tasks.unclaim'))
        : !x.claimedBy ? el('button', { class: 'secondary claim', onclick: () => claim(x, true) }, t('tasks.claim')) : '')))));
  if (!tasks.length) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, t('none'))));
  const first = total ? page * pageSize + 1 : 0, last = page * pageSize + tasks.length;
  document.getElementById('page-info').textContent = first + '–' + last + ' / ' + total;
  document.getElementById('page-prev').disabled = page === 0;
  document.getElementById('page-next').disabled = last >= total;
}

async function claim(task, on) {
  try { await api('/api/tasks/' + task.id + (on ? '/claim' : '/unclaim'), { method: 'POST' }); await load(); }
  catch (e) { notice(message, e.message, 'bad'); }
}

// a form per task type; every outcome of the task is a button, the comment is the reason recorded
async function open(task) {
  const form = el('div', { class: 'card', id: 'task-form', 'data-type': task.taskType });
  const extra = el('div');
  const comment = el('textarea', { id: 'comment' });
  let variables = () => ({});
  form.append(el('h2', {}, bi(task.name)), el('p', { class: 'muted' }, (task.enterprise || roundName(task.roundId)) + ' · ' + (task.projectTitle || '')), extra);
  const c = task.caseId ? await api('/api/cases/' + task.caseId) : null;
  if (c) {
    extra.append(el('dl', { class: 'kv' },
      el('dt', {}, t('measure')), el('dd', {}, c.measureName || c.measureId),
      el('dt', {}, t('inputs')), el('dd', {}, Object.entries(c.inputs).map(([k, v]) => el('div', {}, inputLabel(k) + ': ' + (Array.isArray(v) ? v.map(money).join(' / ') : /^\d+(\.\d+)?$/.test(String(v)) && k !== 'UNITS' ? money(v) : v)))),
      el('dt', {}, t('calculated')), el('dd', {}, money(c.approvedAmount || c.calculatedAmount)),
      el('dt', {}, t('documents')), el('dd', {}, c.documents.map(d => el('div', {}, el('a', { href: '/api/cases/' + c.id + '/documents/' + d.id }, d.name), ' · ' + d.kind)))));
    if (has(user, 'OFFICER', 'AUDITOR', 'FINANCE', 'PROCESS_OWNER')) extra.append(await relatedApplications(c.id));
  }
  // each form has its panel; a model's element ids never choose it (process owners rename and reuse steps)
  const kind = (task.details && task.details.form) || '';
  if (kind === 'formal-check' && c) {
    // 形式审查: each condition marked met or not with a note; the case passes only with every condition met
    const checklist = conditionChecklist(c, true);
    extra.append(checklist.node);
    variables = () => ({ conditions: checklist.marks() });
  } else if (kind === 'determination' && c) {
    // 核定: the clause gives only a ceiling; the officer determines the amount within it, with the reason (the comment)
    const panel = has(user, 'OFFICER') ? await api('/api/cases/' + c.id + '/experts') : [];
    const recommended = panel.filter(d => d.recommendedAmount).map(d => money(d.recommendedAmount));
    const amount = el('input', { id: 'determined-amount', inputmode: 'decimal', value: c.determination.ceiling || '' });
    extra.append(el('div', { class: 'notice', id: 'ceiling' }, '上限 Ceiling (最高/不超过): ', el('b', {}, money(c.determination.ceiling))),
      recommended.length ? el('p', { class: 'small', id: 'recommended' }, '专家建议金额 Experts recommend: ' + recommended.join(' / ')) : '',
      el('label', { for: 'determined-amount' }, '核定金额 Determined amount'), amount);
    variables = () => ({ amount: amount.value.trim() });
  } else if (kind === 'rubric') {
    const rubric = await api('/api/rubric');
    const boxes = rubric.map(r => [r.id, el('input', { id: 'score-' + r.id, inputmode: 'decimal', placeholder: '0–100' })]);
    extra.append(...rubric.map((r, i) => el('div', {}, el('label', { for: 'score-' + r.id }, (document.documentElement.lang === 'en' ? r.en : r.zh) + ' × ' + r.weight), boxes[i][1])));
    // where the clause gives only a ceiling, the expert may recommend an amount (the officer determines it)
    const ceilingOnly = c && c.determination && c.determination.kind !== 'NONE';
    const recommend = el('input', { id: 'recommended-amount', inputmode: 'decimal', placeholder: '0.00' });
    if (ceilingOnly) extra.append(el('label', { for: 'recommended-amount' }, '建议资助金额（可选） Recommended amount (optional)'), recommend);
    variables = () => Object.assign({ scores: Object.fromEntries(boxes.map(([k, b]) => [k, b.value.trim()])) },
      ceilingOnly && recommend.value.trim() ? { recommendedAmount: recommend.value.trim() } : {});
  } else if (kind === 'audit') {
    const measure = await api('/api/measures/' + c.measureId);
    const bases = measure.inputs.filter(i => i.kind === 'AMOUNT');
    const boxes = bases.map(b => [b.code, el('input', { id: 'confirm-' + b.code, value: c.inputs[b.code] || '' })]);
    const file = el('input', { type: 'file', id: 'audit-report' });
    extra.append(...boxes.map(([k, b]) => el('div', {}, el('label', { for: b.id }, '审计确认 Confirmed ' + k), b)),
      el('label', { for: 'audit-report' }, '专项审计报告 Audit report (AUDIT_REPORT)'), file,
      el('button', { class: 'secondary', id: 'upload-report', onclick: async () => {
        const f = new FormData(); f.append('file', file.files[0]); f.append('kind', 'AUDIT_REPORT');
        try { await api('/api/cases/' + c.id + '/documents', { method: 'POST', form: f }); notice(message, file.files[0].name + ' ✓', 'ok'); }
        catch (e) { notice(message, e.message, 'bad'); }
      } }, t('apply.upload')));
    variables = () => ({ confirmedInputs: Object.fromEntries(boxes.map(([k, b]) => [k, b.value.trim()])) });
  } else if (kind === 'objection') {
    const objections = await api('/api/publicity/' + task.caseId + '/objections');
    extra.append(el('h2', {}, '异议 Objections'), ...objections.map(o => el('div', { class: 'notice' },
      el('b', {}, o.typeName + ' · ' + o.status), el('div', {}, o.content), el('div', { class: 'small' }, when(o.receivedAt)))));
  } else if (kind === 'batch-cut') {
    const round = await api('/api/rounds/' + task.roundId);
    extra.append(...(round.batchPlan ? round.batchPlan.measures : []).map(m => el('div', { class: 'notice' + (m.cut ? ' bad' : '') },
      el('b', {}, m.measure), m.cutMethodName ? el('span', { class: 'badge', 'data-cut': m.cutMethod }, ' ' + m.cutMethodName) : '',
      el('div', {}, m.explanation),
      el('table', {}, el('tbody', {}, m.lines.map(l => el('tr', {}, el('td', { class: 'small' }, l.caseId),
        el('td', { class: 'num' }, money(l.requested)), el('td', { class: 'num' }, money(l.committed)))))))));
  } else if (task.details && task.details.trancheAmount) {
    extra.append(el('p', {}, '第' + task.details.trancheNumber + '期 tranche ' + task.details.trancheNumber + ': ',
      el('span', { class: 'amount' }, money(task.details.trancheAmount)),
      task.details.firstApprover ? el('span', { class: 'badge' }, ' 1st: ' + task.details.firstApprover) : ''));
  }
  // a repair task (a step failed on its last retry) or an exhausted expert pool: what went wrong
  const failure = task.details && (task.details.technicalError || task.details.poolExhaustedReason);
  if (failure) extra.append(el('div', { class: 'notice bad', id: 'failure' }, el('b', {}, task.details.failedJobType || ''), ' ', failure));
  form.append(el('label', { for: 'comment' }, t('comment')), comment,
    el('div', { class: 'actions' }, task.outcomes.map(outcome => el('button', { class: 'outcome', 'data-outcome': outcome,
      onclick: async () => {
        try {
          await api('/api/tasks/' + task.id + '/complete', { method: 'POST', body: { outcome, comment: comment.value || null, variables: variables() } });
          notice(message, bi(task.name) + ' · ' + outcome + ' ✓', 'ok');
          work.replaceChildren();
          await load();
        } catch (e) { notice(message, e.message + (e.field ? ' (' + e.field + ')' : ''), 'bad'); }
      } }, t('o.' + outcome)))));
  work.replaceChildren(form);
  form.scrollIntoView();
}

['f-type', 'f-round', 'f-measure', 'f-age'].forEach(id => document.getElementById(id).addEventListener('change', () => { page = 0; fetchPage(); }));
document.getElementById('page-prev').addEventListener('click', () => { page = Math.max(0, page - 1); fetchPage(); });
document.getElementById('page-next').addEventListener('click', () => { page += 1; fetchPage(); });
await load();
document.body.dataset.ready = 'true';
