import { api, bi, conditionChecklist, el, has, layout, money, nextStep, notice, param, relatedApplications, statusBadge, t, when } from '/assets/app.js';
import { diagramAssets, drawDiagram } from '/assets/diagram.js';
import { inputFields } from '/assets/inputs.js';

const user = await layout('nav.cases');
const id = param('id');
const message = document.getElementById('message');
let c;
try {
  c = await api('/api/cases/' + encodeURIComponent(id));
} catch (e) {
  notice(message, e.status === 404 ? '404 — ' + e.message : e.message, 'bad');
  throw e;
}
document.getElementById('title').textContent = c.project.title;
document.getElementById('summary').append(
  el('dl', { class: 'kv' },
    el('dt', {}, t('status')), el('dd', { id: 'status' }, statusBadge(c.status)),
    el('dt', {}, t('stage')), el('dd', { id: 'stage' }, bi(c.currentStageName)),
    el('dt', {}, t('next')), el('dd', { id: 'next' }, nextStep(c)),
    el('dt', {}, t('measure')), el('dd', {}, (c.measureName || c.measureId) + (c.source ? ' · ' + c.source.title + ' ' + c.source.clause : '')),
    el('dt', {}, t('apply.enterprise')), el('dd', {}, c.applicant.name + ' · ' + c.applicant.creditCode),
    c.project.subject && c.project.subject !== c.project.title ? [el('dt', {}, t('apply.subject')), el('dd', { id: 'subject' }, c.project.subject)] : '',
    c.rejectionReason ? [el('dt', {}, '原因 Reason'), el('dd', { class: 'notice bad', style: 'margin:0' }, c.rejectionReason)] : ''));

const amounts = document.getElementById('amounts');
amounts.append(el('dl', { class: 'kv' },
  el('dt', {}, t('calculated')), el('dd', { id: 'calculated' }, money(c.calculatedAmount), c.capped ? el('span', { class: 'badge warn' }, ' ' + t('capped')) : ''),
  el('dt', {}, t('approved')), el('dd', { id: 'approved' }, money(c.approvedAmount)),
  el('dt', {}, t('paid')), el('dd', { id: 'paid', class: 'amount' }, money(c.paidAmount)),
  el('dt', {}, t('explanation')), el('dd', { class: 'small' }, c.explanation || '—'),
  c.determination && c.determination.kind !== 'NONE' ? [
    el('dt', {}, '核定 Determined'), el('dd', { id: 'determined' }, c.determination.amount
      ? [el('span', { class: 'amount' }, money(c.determination.amount)), ' ≤ ' + money(c.determination.ceiling),
        el('div', { class: 'small', id: 'determination-reason' }, c.determination.reason)]
      : el('span', { class: 'muted' }, c.determination.kind === 'REQUIRED' ? '待核定（仅有上限） to be determined (ceiling only)' : '按上限 the ceiling, unless determined lower'))] : ''));
// an officer may determine less than a rate stated as a ceiling, with the reason, until the batch decides
if (c.determination && c.determination.kind === 'OPTIONAL' && has(user, 'OFFICER') && !c.approvedAmount
    && ['CALCULATION', 'AWAITING_BATCH'].includes(c.currentStage)) {
  const amount = el('input', { id: 'determine-amount', inputmode: 'decimal', value: c.determination.amount || c.calculatedAmount || '' });
  const reason = el('textarea', { id: 'determine-reason' });
  amounts.append(el('div', { id: 'determine' }, el('h3', {}, '核定资助金额 Determine the amount'),
    el('label', { for: 'determine-amount' }, '核定金额 Amount (≤ ' + money(c.calculatedAmount) + ')'), amount,
    el('label', { for: 'determine-reason' }, '理由 Reason'), reason,
    el('div', { class: 'actions' }, el('button', { id: 'determine-submit', onclick: async () => {
      try { await api('/api/cases/' + c.id + '/determination', { method: 'POST', body: { amount: amount.value.trim(), reason: reason.value.trim() } }); location.reload(); }
      catch (e) { notice(message, e.message + (e.field ? ' (' + e.field + ')' : ''), 'bad'); }
    } }, '核定 Determine'))));
}
// 一般/原则上: a soft limit an officer may exceed for this case with a reason, once a second officer approves
if (c.softLimit) {
  const sl = c.softLimit;
  const open = ['CALCULATION', 'AWAITING_BATCH'].includes(c.currentStage) && !c.approvedAmount;
  const box = el('div', { id: 'soft-limit' }, el('h3', {}, '一般限额 Soft limit'),
    el('p', { class: 'small' }, '“' + sl.limit + '” · ' + (sl.kind === 'YEARS' ? sl.defaultValue + ' 年 years' : money(sl.defaultValue))
      + ' — 超出须说明理由并经另一名经办人批准 exceeding it needs a reason and a second officer\'s approval'),
    sl.exceptions.length ? el('table', {}, el('tbody', {}, sl.exceptions.map(x => el('tr', { 'data-exception': x.id, 'data-status': x.status },
      el('td', {}, sl.kind === 'YEARS' ? x.value + ' 年 years' : money(x.value)),
      el('td', { class: 'small' }, x.reason, el('div', { class: 'muted' }, x.requestedBy + ' · ' + when(x.requestedAt))),
      el('td', {}, el('span', { class: 'badge ' + (x.status === 'APPROVED' ? 'ok' : x.status === 'REFUSED' ? 'bad' : 'warn') }, x.status),
        x.decidedBy ? el('div', { class: 'small muted' }, x.decidedBy + (x.note ? ': ' + x.note : '')) : ''),
      el('td', {}, open && x.status === 'REQUESTED' && has(user, 'OFFICER') && x.requestedBy !== user.user ? (() => {
        const note = el('input', { class: 'limit-note', placeholder: '说明 note' });
        const decide = d => async () => {
          try { await api('/api/cases/' + c.id + '/limit-exceptions/' + x.id + '/' + d, { method: 'POST', body: { note: note.value.trim() || null } }); location.reload(); }
          catch (e) { notice(message, e.message + (e.field ? ' (' + e.field + ')' : ''), 'bad'); }
        };
        return el('div', {}, note, el('button', { class: 'limit-approve', onclick: decide('approve') }, '批准 Approve'),
          el('button', { class: 'secondary limit-refuse', onclick: decide('refuse') }, '不批准 Refuse'));
      })() : ''))))) : '');
  if (open && has(user, 'OFFICER') && !sl.exceptions.some(x => x.status === 'REQUESTED')) {
    const value = el('input', { id: 'limit-value', inputmode: 'decimal' });
    const reason = el('textarea', { id: 'limit-reason' });
    box.append(el('label', { for: 'limit-value' }, sl.kind === 'YEARS' ? '年限 Years' : '限额 Limit (元)'), value,
      el('label', { for: 'limit-reason' }, '理由 Reason'), reason,
      el('div', { class: 'actions' }, el('button', { id: 'limit-request', onclick: async () => {
        try { await api('/api/cases/' + c.id + '/limit-exceptions', { method: 'POST', body: { value: value.value.trim(), reason: reason.value.trim() } }); location.reload(); }
        catch (e) { notice(message, e.message + (e.field ? ' (' + e.field + ')' : ''), 'bad'); }
      } }, '申请超出 Ask to exceed')));
  }
  amounts.append(box);
}
if (c.tranches.length) {
  amounts.append(el('h2', { style: 'margin-top:12px' }, t('tranches')), el('table', {}, el('tbody', {}, c.tranches.map(tr => el('tr', {},
    el('td', {}, '#' + tr.number), el('td', {}, tr.kind), el('td', { class: 'num' }, money(tr.amount)),
    el('td', {}, tr.due ? when(tr.due) : ''), el('td', {}, el('span', { class: 'badge ' + (tr.status === 'PAID' ? 'ok' : '') }, tr.status)))))));
}

// the eligibility checklist: the applicant's answers, the system's and the officer's marks with their notes
if ((c.conditions || []).length) document.getElementById('summary').append(conditionChecklist(c, false).node);

document.getElementById('timeline').replaceChildren(...c.timeline.map(e => el('li', { class: e.event === 'LEFT' ? 'left' : '' },
  el('b', {}, bi(e.stageName)), ' ', el('span', { class: 'muted' }, (e.event === 'ENTERED' ? '→ ' : '← ') + when(e.at) + ' · ' + e.actor),
  e.detail ? el('div', { class: 'small' }, e.detail) : '')));
document.getElementById('documents').replaceChildren(...c.documents.map(d => el('li', {},
  el('a', { href: '/api/cases/' + c.id + '/documents/' + d.id }, d.name), el('span', { class: 'small muted' }, ' · ' + d.kind + ' · ' + d.uploadedBy))));
try {
  const notes = (await api('/api/notifications')).filter(n => n.caseId === c.id);
  document.getElementById('notifications').replaceChildren(...notes.map(n => el('li', {}, when(n.createdAt) + ' · ' + n.subject)));
} catch (e) { /* staff see the case without the applicant's inbox */ }

// the correction task when the case was returned
const correction = c.openTasks.find(x => x.form === 'correction' && x.assignee === (user && user.user));
if (correction) {
  const measure = await api('/api/measures/' + c.measureId);
  const fields = el('div');
  const read = inputFields(measure, fields, c.inputs);
  const comment = el('textarea', { id: 'correction-comment' });
  const done = async (outcome) => {
    try {
      await api('/api/tasks/' + correction.id + '/complete', { method: 'POST', body: outcome === 'RESUBMIT'
        ? { outcome, variables: { inputs: read() } } : { outcome, comment: comment.value } });
      location.reload();
    } catch (e) { notice(message, e.message, 'bad'); }
  };
  document.getElementById('task').append(el('div', { class: 'card', id: 'correction' },
    el('h2', {}, t('correction')), el('p', { class: 'muted' }, c.timeline.filter(e => e.stage === 'CORRECTION').map(e => e.detail).filter(Boolean).join(' ')),
    fields, el('label', { for: 'correction-comment' }, t('comment')), comment,
    el('div', { class: 'actions' }, el('button', { id: 'resubmit', onclick: () => done('RESUBMIT') }, t('correction.resubmit')),
      el('button', { class: 'secondary', id: 'withdraw', onclick: () => done('WITHDRAW') }, t('correction.withdraw')))));
}

// evidence for a milestone or the superior funds
if (['MILESTONE_REVIEW', 'MATCHING_REVIEW', 'STAGE_REVIEW'].includes(c.currentStage) && user && user.roles.includes('APPLICANT')) {
  const file = el('input', { type: 'file', id: 'evidence-file' });
  document.getElementById('evidence').append(file, el('button', { class: 'secondary', onclick: async () => {
    const form = new FormData();
    form.append('file', file.files[0]);
    form.append('kind', { MILESTONE_REVIEW: 'MILESTONE_EVIDENCE', STAGE_REVIEW: 'STAGE_EVIDENCE' }[c.currentStage] || 'MATCHING_EVIDENCE');
    try { await api('/api/cases/' + c.id + '/documents', { method: 'POST', form }); location.reload(); } catch (e) { notice(message, e.message, 'bad'); }
  } }, t('apply.upload')));
}

await diagramAssets();
if (has(user, 'OFFICER', 'AUDITOR', 'FINANCE', 'PROCESS_OWNER')) {
  document.getElementById('summary').append(await relatedApplications(c.id));
}
const diagram = await api('/api/cases/' + c.id + '/diagram');
document.getElementById('model').textContent = diagram.processId ? diagram.processId + ' v' + diagram.version : '';
await drawDiagram(document.getElementById('diagram'), diagram);
document.body.dataset.ready = 'true';
