import { api, bi, el, layout, notice, t, when } from '/assets/app.js';

// failed and stuck work for officers: case, step, error, since when
await layout('nav.operations');
const ops = await api('/api/operations');
const caseLink = (id, applicant) => id ? el('a', { href: '/case.html?id=' + id }, applicant || id.slice(0, 8)) : '';
const head = (...keys) => el('tr', {}, ...keys.map(k => el('th', {}, t(k))));
function fill(id, headers, rows) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren(head(...headers), ...rows);
  if (!rows.length) body.append(el('tr', {}, el('td', { class: 'muted', colspan: headers.length }, t('none'))));
}
fill('repairs', ['ops.case', 'ops.step', 'ops.error', 'ops.since', 'ops.exclude'], ops.repairTasks.map(r => el('tr', { 'data-task': r.taskId },
  el('td', {}, caseLink(r.caseId, r.applicant)), el('td', {}, el('a', { href: '/tasks.html' }, bi(r.stepName))),
  el('td', { class: 'small' }, r.error || ''), el('td', { class: 'small' }, when(r.since)))));
fill('failed', ['ops.case', 'ops.step', 'ops.error', 'ops.attempts', 'ops.status', 'ops.since'], ops.failedJobs.map(f => el('tr', { 'data-failure': f.id },
  el('td', {}, caseLink(f.caseId, f.applicant)), el('td', {}, f.step + ' (' + f.jobType + ')'),
  el('td', { class: 'small' }, f.error), el('td', { class: 'num' }, String(f.attempts)),
  el('td', {}, el('span', { class: 'badge' + (f.status === 'FAILED' ? ' bad' : ' info') }, f.status)), el('td', { class: 'small' }, when(f.since)))));
document.getElementById('stuck-after').textContent = t('ops.stuckAfter') + ': ' + ops.stuckAfter;
// a round never waits forever on one case: an officer takes it out of the round's batch, with the reason
function exclude(caseId, roundId) {
  if (!roundId) return '';
  const reason = el('input', { class: 'reason', placeholder: t('ops.reason') });
  const button = el('button', { class: 'secondary exclude', onclick: async () => {
    try {
      await api('/api/rounds/' + roundId + '/cases/' + caseId + '/exclusion', { method: 'POST', body: { reason: reason.value } });
      button.replaceWith(el('span', { class: 'badge' }, t('ops.excluded')));
      reason.remove();
    } catch (e) { notice(message, e.message + (e.field ? ' (' + e.field + ')' : ''), 'bad'); }
  } }, t('ops.exclude'));
  return el('span', {}, reason, button);
}
const message = el('div');
document.querySelector('main').prepend(message);
fill('stuck', ['ops.case', 'ops.step', 'ops.status', 'ops.since', 'ops.exclude'], ops.stuckCases.map(s => el('tr', { 'data-case': s.caseId },
  el('td', {}, caseLink(s.caseId, s.applicant)), el('td', {}, bi(s.stageName)), el('td', {}, s.status),
  el('td', { class: 'small' }, when(s.since)), el('td', {}, exclude(s.caseId, s.roundId)))));
document.querySelectorAll('#repairs tr[data-task]').forEach((row, i) => {
  const r = ops.repairTasks[i];
  row.append(el('td', {}, exclude(r.caseId, r.roundId)));
});
document.body.dataset.ready = 'true';
