// Shared by every page: language (Chinese first, English switchable), API calls with the session's CSRF token,
// the header with the menu of the user's roles, and small formatting helpers.

const I18N = {
  zh: {
    'app.name': '产业资助项目管理', 'nav.home': '首页', 'nav.measures': '政策与测算', 'nav.cases': '我的申请',
    'nav.tasks': '待办任务', 'nav.finance': '资金拨付', 'nav.publicity': '公示名单', 'nav.models': '流程模型',
    'nav.dashboard': '管理看板', 'signin': '登录', 'signout': '退出', 'user': '用户名', 'password': '密码',
     'signin.failed': '用户名或密码错误', 'signin.locked': '登录失败次数过多，请稍后再试', 'signin.out': '已退出登录', 'signin.title': '登录 · 产业资助项目管理',
    'loading': '加载中…', 'none': '暂无', 'save': '保存', 'submit': '提交', 'cancel': '取消', 'back': '返回',
    'measure': '政策措施', 'measures.title': '政策措施与资助测算', 'measures.filter': '筛选', 'measures.all': '全部',
    'measures.quote': '测算', 'measures.apply': '申报', 'quote.amount': '测算金额', 'quote.capped': '已封顶',
    'source': '依据', 'clause': '条款', 'mode': '方式', 'inputs': '申报数据',
    'apply.title': '申报项目', 'apply.round': '申报批次', 'apply.noround': '该措施当前没有开放的申报批次',
    'apply.enterprise': '企业名称', 'apply.creditCode': '统一社会信用代码', 'apply.project': '项目名称', 'apply.subject': '资助对象（产品名称及型号、平台、园区或揭榜项目；与项目名称相同可不填）', 'related': '本企业其他申请与资助', 'related.same': '同一事项', 'related.group': '重复资助组',
    'apply.payee': '收款账户', 'apply.accountName': '户名', 'apply.account': '账号', 'apply.bank': '开户行',
    'apply.bankCode': '联行号（12位）', 'apply.documents': '申报材料', 'apply.kind': '材料类型', 'apply.upload': '上传',
    'apply.create': '保存草稿', 'apply.submit': '提交申报', 'apply.limits': 'PDF、图片、Word、Excel 或文本，单个不超过 20MB',
    'apply.saved': '草稿已保存，可上传材料后提交', 'apply.submitted': '已提交',
    'cases.title': '我的申请', 'case': '申请', 'status': '状态', 'stage': '当前环节', 'next': '下一步',
    'amounts': '资助金额', 'calculated': '测算金额', 'approved': '批次核定', 'paid': '已拨付', 'capped': '封顶',
    'explanation': '计算过程', 'timeline': '办理进度', 'documents': '材料', 'notifications': '通知',
    'diagram': '流程图', 'legend.done': '已完成', 'legend.current': '当前环节', 'tranches': '分期拨付',
    'correction': '补正材料', 'correction.resubmit': '更正并重新提交', 'correction.withdraw': '撤回申请',
    'page.prev': '上一页', 'page.next': '下一页', 'tasks.ofCase': '只显示一项申请的任务', 'tasks.all': '全部任务',
    'tasks.title': '待办任务', 'tasks.type': '任务类型', 'tasks.round': '批次', 'tasks.age': '等待',
    'tasks.claim': '认领', 'tasks.unclaim': '退回任务池', 'tasks.claimedBy': '认领人', 'tasks.open': '办理',
    'tasks.done': '已办结', 'comment': '意见', 'outcome': '结论', 'score': '评分',
    'finance.title': '资金拨付', 'finance.queue': '待审批拨付', 'finance.total': '合计', 'finance.limit': '审批限额',
    'finance.approveSelected': '批量审批', 'finance.export': '导出 pain.001', 'finance.payouts': '支付指令',
    'finance.approveBatch': '批准本批次我的全部待审批', 'finance.allRounds': '全部批次', 'finance.pageTotal': '本页合计',
    'finance.step': '审批', 'finance.first': '拨付审批', 'finance.second': '复核（第二审批人）',
    'finance.exported': '已导出', 'finance.files': '支付文件（可重新下载）', 'finance.created': '生成',
    'finance.transactions': '笔数', 'finance.skipped': '未导出（数据有误）', 'publicity.title': '公示名单', 'publicity.until': '公示截止',
    'publicity.object': '提出异议', 'publicity.type': '类型', 'publicity.name': '姓名（实名）', 'publicity.contact': '联系方式',
    'publicity.content': '异议内容（书面）', 'publicity.rule': '根据公示规定，受理署名的书面异议；匿名异议予以登记，但不予受理。',
    'publicity.empty': '当前没有正在公示的项目', 'publicity.onhold': '暂缓（异议核查中）',
    'models.title': '流程模型', 'models.deploy': '部署新版本', 'models.version': '版本', 'models.cases': '申请数',
    'models.deployed': '部署时间', 'models.show': '查看', 'dashboard.title': '管理看板', 'dashboard.rounds': '资助批次',
    'dashboard.budgets': '预算使用', 'dashboard.stages': '各环节申请数', 'dashboard.clusters': '各产业集群资助金额与目标',
    'dashboard.units': '各责任单位资助金额', 'budget.used': '已使用', 'budget.remaining': '剩余',
    'home.welcome': '欢迎使用产业资助项目管理系统', 'home.public': '公众服务',
    'DISSENT': '异议（申请人本人）', 'COMPLAINT': '投诉', 'REPORT': '举报',
    'o.APPROVE': '通过', 'o.REJECT': '不通过', 'o.RETURN': '退回补正', 'o.SCORE': '提交评分', 'o.RECUSE': '回避',
    'o.UPHOLD': '异议成立', 'o.DISMISS': '异议不成立', 'o.CONFIRM': '确认', 'o.ACCEPT': '验收通过', 'o.RECOVERED': '已追回',
    'o.RESUBMIT': '重新提交', 'o.WITHDRAW': '撤回',
    'o.REDRAW': '已扩充专家库，重新抽取', 'o.REDUCE': '减少评审人数', 'o.RETRY': '重试', 'o.SKIP': '跳过',
    'nav.operations': '运行监控', 'ops.title': '运行监控：失败与停滞的工作', 'ops.failed': '失败的作业',
    'ops.repairs': '待修复任务', 'ops.stuck': '停滞的申请', 'ops.case': '申请', 'ops.step': '环节', 'ops.error': '错误',
    'ops.since': '起始时间', 'ops.attempts': '尝试次数', 'ops.status': '状态', 'ops.stuckAfter': '停滞阈值',
    'ops.exclude': '移出批次', 'ops.reason': '原因', 'ops.excluded': '已移出批次',
    'next.DRAFT': '提交申报', 'next.SUBMITTED': '等待形式审查', 'next.FORMAL_CHECK': '经办人员审查申报材料是否齐全',
    'next.CORRECTION': '请按意见补正材料并重新提交', 'next.EXPERT_REVIEW': '评审专家对项目打分',
    'next.SPECIAL_AUDIT': '审计机构确认可资助金额', 'next.CALCULATION': '按政策条款计算资助金额',
    'next.AWAITING_BATCH': '申报截止、全部评审完成后作出批次决定', 'next.PUBLICITY': '公示期满无异议后列入资助计划',
    'next.ON_HOLD': '经办人员核查异议', 'next.FUNDING_PLAN': '按期拨付', 'next.MILESTONE_REVIEW': '请上传里程碑材料，待验收',
    'next.MATCHING_REVIEW': '请上传上级资金到位证明，待核验', 'next.STAGE_REVIEW': '请上传本阶段成果，待阶段评审（赛马）', 'next.STOPPED': '无：赛马终止，已完成阶段的资助保留', 'next.FINANCE_APPROVAL': '财务人员审批拨付',
    'next.PAYOUT': '出具支付指令', 'next.TRANCHE_PAID': '下一期到期后拨付', 'next.PAID': '无：资助已拨付',
    'next.REJECTED': '无：办理已终止', 'next.LAPSED': '无：未按期补正', 'next.CLAWBACK': '退回已拨资金，财务确认追回',
    'next.CLAWED_BACK': '无：已拨资金已追回',
  },
  en: {
    'app.name': 'Industrial grants', 'nav.home': 'Home', 'nav.measures': 'Measures & quote', 'nav.cases': 'My applications',
    'nav.tasks': 'Tasks', 'nav.finance': 'Payouts', 'nav.publicity': 'Publicity list', 'nav.models': 'Process models',
    'nav.dashboard': 'Dashboard', 'signin': 'Sign in', 'signout': 'Sign out', 'user': 'User name', 'password': 'Password',
    'signin.failed': 'Wrong user name or password', 'signin.locked': 'Too many failed sign-ins: try again later', 'signin.out': 'You are signed out', 'signin.title': 'Sign in · Industrial grants',
    'loading': 'Loading…', 'none': 'None', 'save': 'Save', 'submit': 'Submit', 'cancel': 'Cancel', 'back': 'Back',
    'measure': 'Measure', 'measures.title': 'Policy measures and grant quote', 'measures.filter': 'Filter', 'measures.all': 'All',
    'measures.quote': 'Quote', 'measures.apply': 'Apply', 'quote.amount': 'Quoted amount', 'quote.capped': 'capped',
    'source': 'Source', 'clause': 'Clause', 'mode': 'Mode', 'inputs': 'Figures',
    'apply.title': 'Apply', 'apply.round': 'Funding round', 'apply.noround': 'No round is open for this measure now',
    'apply.enterprise': 'Enterprise', 'apply.creditCode': 'Unified social credit code', 'apply.project': 'Project title', 'apply.subject': 'What is funded (product and model, platform, park or open-competition project; leave empty if it is the project title)', 'related': 'Other applications and grants of this enterprise', 'related.same': 'same thing', 'related.group': 'Overlap group',
    'apply.payee': 'Payee account', 'apply.accountName': 'Account name', 'apply.account': 'Account number', 'apply.bank': 'Bank',
    'apply.bankCode': 'CNAPS code (12 digits)', 'apply.documents': 'Documents', 'apply.kind': 'Kind', 'apply.upload': 'Upload',
    'apply.create': 'Save draft', 'apply.submit': 'Submit application', 'apply.limits': 'PDF, image, Word, Excel or text, at most 20 MB each',
    'apply.saved': 'Draft saved: upload documents, then submit', 'apply.submitted': 'Submitted',
    'cases.title': 'My applications', 'case': 'Application', 'status': 'Status', 'stage': 'Current step', 'next': 'Next',
    'amounts': 'Amounts', 'calculated': 'Calculated', 'approved': 'Approved in the batch', 'paid': 'Paid', 'capped': 'capped',
    'explanation': 'Calculation', 'timeline': 'Timeline', 'documents': 'Documents', 'notifications': 'Notifications',
    'diagram': 'Process diagram', 'legend.done': 'done', 'legend.current': 'current step', 'tranches': 'Tranches',
    'correction': 'Correction', 'correction.resubmit': 'Correct and resubmit', 'correction.withdraw': 'Withdraw',
    'page.prev': 'Previous', 'page.next': 'Next', 'tasks.ofCase': 'The tasks of one application only', 'tasks.all': 'All tasks',
    'tasks.title': 'Tasks', 'tasks.type': 'Task type', 'tasks.round': 'Round', 'tasks.age': 'Waiting',
    'tasks.claim': 'Claim', 'tasks.unclaim': 'Unclaim', 'tasks.claimedBy': 'Claimed by', 'tasks.open': 'Work on it',
    'tasks.done': 'Done', 'comment': 'Comment', 'outcome': 'Outcome', 'score': 'Score',
    'finance.title': 'Payouts', 'finance.queue': 'Tranches to approve', 'finance.total': 'Total', 'finance.limit': 'Your approval limit',
    'finance.approveSelected': 'Approve selected', 'finance.export': 'Export pain.001', 'finance.payouts': 'Payment instructions',
    'finance.approveBatch': 'Approve all of mine in this round', 'finance.allRounds': 'All rounds', 'finance.pageTotal': 'Total on this page',
    'finance.step': 'Approval', 'finance.first': 'Payout approval', 'finance.second': 'Second approval',
    'finance.exported': 'exported', 'finance.files': 'Payment files (download again)', 'finance.created': 'Written',
    'finance.transactions': 'Payments', 'finance.skipped': 'Left out (bad data)', 'publicity.title': 'Publicity list', 'publicity.until': 'Publicity ends',
    'publicity.object': 'Object', 'publicity.type': 'Type', 'publicity.name': 'Your name', 'publicity.contact': 'Contact',
    'publicity.content': 'Objection (in writing)', 'publicity.rule': 'Written objections giving a name and a contact are investigated; anonymous ones are recorded and not investigated.',
    'publicity.empty': 'Nothing is in publicity now', 'publicity.onhold': 'On hold (objection)',
    'models.title': 'Process models', 'models.deploy': 'Deploy a new version', 'models.version': 'Version', 'models.cases': 'Cases',
    'models.deployed': 'Deployed', 'models.show': 'Show', 'dashboard.title': 'Dashboard', 'dashboard.rounds': 'Funding rounds',
    'dashboard.budgets': 'Budget used', 'dashboard.stages': 'Cases per step', 'dashboard.clusters': 'Granted per industry cluster and targets',
    'dashboard.units': 'Granted per responsible unit', 'budget.used': 'used', 'budget.remaining': 'remaining',
    'home.welcome': 'Welcome to the industrial grants system', 'home.public': 'Public services',
    'DISSENT': 'Dissent (the applicant itself)', 'COMPLAINT': 'Complaint', 'REPORT': 'Report',
    'o.APPROVE': 'Approve', 'o.REJECT': 'Reject', 'o.RETURN': 'Return for correction', 'o.SCORE': 'Submit score', 'o.RECUSE': 'Recuse',
    'o.UPHOLD': 'Uphold', 'o.DISMISS': 'Dismiss', 'o.CONFIRM': 'Confirm', 'o.ACCEPT': 'Accept', 'o.RECOVERED': 'Recovered',
    'o.RESUBMIT': 'Resubmit', 'o.WITHDRAW': 'Withdraw',
    'o.REDRAW': 'Pool extended: draw again', 'o.REDUCE': 'Lower the number', 'o.RETRY': 'Retry', 'o.SKIP': 'Skip',
    'nav.operations': 'Operations', 'ops.title': 'Operations: failed and stuck work', 'ops.failed': 'Failed jobs',
    'ops.repairs': 'Repair tasks', 'ops.stuck': 'Stuck cases', 'ops.case': 'Case', 'ops.step': 'Step', 'ops.error': 'Error',
    'ops.since': 'Since', 'ops.attempts': 'Attempts', 'ops.status': 'Status', 'ops.stuckAfter': 'Stuck after',
    'ops.exclude': 'Exclude from the batch', 'ops.reason': 'Reason', 'ops.excluded': 'Excluded from the batch',
  },
};

export function lang() { return localStorage.getItem('lang') === 'en' ? 'en' : 'zh'; }
export function t(key) { return I18N[lang()][key] ?? I18N.zh[key] ?? key; }

/** A bilingual label "中文 English": the part of the current language. */
export function bi(label) {
  if (!label) return '';
  const i = label.search(/\s[A-Za-z(]/);
  if (i < 0) return label;
  return lang() === 'zh' ? label.slice(0, i) : label.slice(i + 1);
}

export function applyI18n(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
}

export function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status; this.field = body && body.field; this.body = body;
  }
}

/**
 * The path to return to after sign-in, if it is one of this site's: parsed against this origin, anything that
 * names another host (//host, /\\host, https://host) is refused.
 */
export function sameOriginPath(next) {
  if (!next || typeof next !== 'string' || !next.startsWith('/') || /[\\\u0000-\u001f]/.test(next)) return null;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch (e) { return null; }
}

/** Calls the API with the session; a 401 sends the user to sign in. */
export async function api(path, { method = 'GET', body, form, raw, accept } = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken(),
    Accept: accept || (raw ? '*/*' : 'application/json') };
  let payload;
  if (form) { payload = form; } else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401 && !path.startsWith('/api/me')) {
    location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search);
    throw new Problem(401, null);
  }
  if (raw) return response;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Problem(response.status, data);
  return data;
}

let current;
export async function me() {
  if (current !== undefined) return current;
  try { current = await api('/api/me'); } catch (e) { current = null; }
  return current;
}

export function has(user, ...roles) { return !!user && user.roles.some(r => roles.includes(r)); }

/** The header: brand, the menu of the user's roles, language switch, who is signed in. */
export async function layout(active) {
  const user = await me();
  const links = [['/', 'nav.home'], ['/measures.html', 'nav.measures'], ['/publicity.html', 'nav.publicity']];
  if (has(user, 'APPLICANT')) links.push(['/cases.html', 'nav.cases']);
  if (has(user, 'OFFICER', 'EXPERT', 'AUDITOR', 'FINANCE')) links.push(['/tasks.html', 'nav.tasks']);
  if (has(user, 'FINANCE')) links.push(['/finance.html', 'nav.finance']);
  if (has(user, 'OFFICER', 'PROCESS_OWNER', 'FINANCE')) links.push(['/dashboard.html', 'nav.dashboard']);
  if (has(user, 'PROCESS_OWNER', 'OFFICER')) links.push(['/models.html', 'nav.models']);
  if (has(user, 'OFFICER')) links.push(['/operations.html', 'nav.operations']);
  const header = document.createElement('header');
  header.className = 'top';
  header.innerHTML = `<a class="brand" href="/" data-i18n="app.name"></a><nav></nav><div class="who"></div>`;
  const nav = header.querySelector('nav');
  for (const [href, key] of links) {
    const a = el('a', { href, 'data-i18n': key, id: 'nav-' + key.split('.')[1] });
    if (key === active) a.className = 'active';
    nav.append(a);
  }
  const who = header.querySelector('.who');
  const select = el('select', { id: 'lang', 'aria-label': 'language' }, el('option', { value: 'zh' }, '中文'), el('option', { value: 'en' }, 'English'));
  select.value = lang();
  select.onchange = () => { localStorage.setItem('lang', select.value); location.reload(); };
  who.append(select);
  if (user) {
    const out = el('form', { method: 'post', action: '/logout', style: 'margin:0' },
      el('input', { type: 'hidden', name: '_csrf', value: csrfToken() }),
      el('button', { type: 'submit', 'data-i18n': 'signout', id: 'signout' }));
    who.append(el('span', { id: 'user' }, user.user), out);
  } else {
    who.append(el('a', { href: '/login.html', 'data-i18n': 'signin', style: 'color:#fff' }));
  }
  document.body.prepend(header);
  document.title = t(active) + ' · ' + t('app.name');
  applyI18n();
  return user;
}

/** Creates an element: attributes (on* as handlers), then children (strings or nodes). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    // styles through the CSSOM, never a style attribute: the Content-Security-Policy refuses inline styles
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) { if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c)); }
  return e;
}

/** Yuan as given by the API (a decimal string), with thousands separators: no floating point. */
export function money(s) {
  if (s === null || s === undefined || s === '') return '—';
  const [i, f = '00'] = String(s).split('.');
  const neg = i.startsWith('-');
  const digits = neg ? i.slice(1) : i;
  return (neg ? '-' : '') + '¥' + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + (f + '00').slice(0, 2);
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** What comes next for the case: in Chinese from the stage, in English as the API words it. */
export function nextStep(c) {
  if (lang() === 'zh' && I18N.zh['next.' + c.currentStage]) {
    const by = c.currentStage === 'PUBLICITY' && c.publicityEnds ? '（' + when(c.publicityEnds) + '）' : '';
    return I18N.zh['next.' + c.currentStage] + by;
  }
  return c.next || '—';
}

export function statusBadge(status) {
  const kind = { PAID: 'ok', REJECTED: 'bad', LAPSED: 'bad', CLAWED_BACK: 'bad', RETURNED: 'warn', IN_PROGRESS: 'info', DRAFT: '' }[status] ?? '';
  return el('span', { class: 'badge ' + kind }, status);
}

export function notice(target, message, kind = '') {
  target.replaceChildren(el('div', { class: 'notice ' + kind, role: 'status' }, message));
}

/**
 * The enterprise's other applications and grants across all measures (staff but experts), those for the same thing
 * in the measure's overlap group marked: what the formal check looks at against double funding.
 */
export async function relatedApplications(caseId) {
  const r = await api('/api/cases/' + encodeURIComponent(caseId) + '/related');
  const box = el('div', { id: 'related' }, el('h3', {}, t('related')));
  if (r.overlapGroup) {
    box.append(el('p', { class: 'small' }, t('related.group') + ': ' + r.overlapGroup.name + ' · ' + r.overlapGroup.nameEn
      + ' — ' + r.overlapGroup.reason));
  }
  box.append(r.applications.length ? el('table', {}, el('tbody', {}, r.applications.map(a => el('tr', { class: a.sameThing ? 'same-thing' : '' },
    el('td', {}, el('a', { href: '/case.html?id=' + a.id }, a.measureName || a.measureId),
      el('div', { class: 'small muted' }, (a.clause || '') + ' · ' + a.subject)),
    el('td', {}, bi(a.stageName)),
    el('td', { class: 'num' }, money(a.approvedAmount || a.calculatedAmount)),
    el('td', { class: 'num' }, money(a.paidAmount)),
    el('td', {}, a.sameThing ? el('span', { class: 'badge bad' }, t('related.same')) : '')))))
    : el('p', { class: 'muted' }, t('none')));
  return box;
}

export function param(name) { return new URLSearchParams(location.search).get(name); }

/**
 * The eligibility checklist of a case (资助条件): each condition quoted and cited, the applicant's answer, the system's
 * mark from it, the documents of its kind, the officer's mark and note. Editable (the formal check): a met / not met
 * choice and a note per condition, read by marks() as {CONDITION: {met, note}}.
 */
export function conditionChecklist(c, editable) {
  const rows = [];
  const label = m => ({ MET: '✓ 符合 met', NOT_MET: '✗ 不符合 not met' }[m] || '— 待核 to check');
  const table = el('table', { id: 'checklist' }, el('tbody', {}, (c.conditions || []).map(x => {
    const answer = x.evidence === 'DOCUMENT'
      ? (x.documents.length ? x.documents.join(', ') : el('span', { class: 'badge bad' }, '缺 ' + x.kind))
      : x.answer === null ? el('span', { class: 'badge bad' }, '未答 unanswered')
      : x.evidence === 'DECLARATION' ? (x.answer === 'true' ? '承诺 declared' : '否 declared not met') : x.answer;
    const cells = [el('td', {}, el('b', {}, lang() === 'zh' ? x.name : (x.nameEn || x.name)),
      el('div', { class: 'small muted' }, '“' + x.quote + '” ' + x.clause + (x.field ? ' · ' + x.field : ''))),
    el('td', { class: 'small answer' }, answer),
    el('td', { class: 'small' }, x.systemMark ? el('span', { class: 'badge ' + (x.systemMark === 'MET' ? 'ok' : 'bad') }, label(x.systemMark)) : '',
      x.systemReason ? el('div', { class: 'muted' }, x.systemReason) : '')];
    if (editable) {
      const choice = el('select', { class: 'mark', 'data-condition': x.id }, el('option', { value: '' }, label(null)),
        el('option', { value: 'MET' }, label('MET')), el('option', { value: 'NOT_MET' }, label('NOT_MET')));
      choice.value = x.officerMark || x.systemMark || '';
      const note = el('input', { class: 'note', 'data-condition': x.id, placeholder: '说明 note', value: x.officerNote || '' });
      rows.push([x, choice, note]);
      cells.push(el('td', {}, choice, note));
    } else {
      cells.push(el('td', { class: 'small mark' }, el('span', { class: 'badge ' + (x.mark === 'MET' ? 'ok' : x.mark ? 'bad' : '') }, label(x.mark)),
        x.officerNote ? el('div', {}, x.officerNote) : '', x.markedBy ? el('div', { class: 'muted' }, x.markedBy + ' · ' + when(x.markedAt)) : ''));
    }
    return el('tr', { 'data-condition': x.id }, cells);
  })));
  const node = el('div', { id: 'conditions' }, el('h3', {}, '资助条件 Eligibility conditions'),
    (c.conditions || []).length ? table : el('p', { class: 'muted' }, t('none')));
  // only what the officer marks (a system mark left as it is needs no mark)
  const marks = () => Object.fromEntries(rows.filter(([x, choice]) => choice.value && choice.value !== (x.officerMark ? '' : x.systemMark))
    .map(([x, choice, note]) => [x.id, { met: choice.value === 'MET', note: note.value.trim() || null }]));
  return { node, marks };
}
