import { el, has, layout, sameOriginPath, t } from '/assets/app.js';

const TEXT = {
  zh: {
    measures: '查看政策措施，按申报数据测算资助金额。', publicity: '查看正在公示的资助项目，提出署名书面异议。',
    cases: '申报项目、上传材料、跟踪办理进度与拨付。', tasks: '形式审查、专家评审、专项审计、异议核查、里程碑验收。',
    finance: '审批拨付、导出 pain.001 支付文件。', dashboard: '批次、预算使用、各环节申请与集群资助情况。',
    models: '查看与部署 BPMN 流程模型版本。', signin: '登录后办理申报与审批业务。',
  },
  en: {
    measures: 'Browse the policy measures and quote a grant from your figures.', publicity: 'See the grants in publicity and file a named, written objection.',
    cases: 'Apply, upload documents, follow your case to payout.', tasks: 'Formal check, expert review, special audit, objections, milestones.',
    finance: 'Approve payouts and export the pain.001 payment file.', dashboard: 'Rounds, budget use, cases per step, grants per cluster.',
    models: 'See and deploy versions of the BPMN models.', signin: 'Sign in to apply or to work your tasks.',
  },
};

const user = await layout('nav.home');
const text = TEXT[document.documentElement.lang === 'en' ? 'en' : 'zh'];
const cards = document.getElementById('cards');
const card = (href, key, body) => el('a', { class: 'card', href, style: 'display:block;color:inherit' },
  el('h2', {}, t(key)), el('p', { class: 'muted' }, body));
cards.append(card('/measures.html', 'nav.measures', text.measures), card('/publicity.html', 'nav.publicity', text.publicity));
if (!user) cards.append(card('/login.html', 'signin', text.signin));
if (has(user, 'APPLICANT')) cards.append(card('/cases.html', 'nav.cases', text.cases));
if (has(user, 'OFFICER', 'EXPERT', 'AUDITOR', 'FINANCE')) cards.append(card('/tasks.html', 'nav.tasks', text.tasks));
if (has(user, 'FINANCE')) cards.append(card('/finance.html', 'nav.finance', text.finance));
if (has(user, 'OFFICER', 'PROCESS_OWNER', 'FINANCE')) cards.append(card('/dashboard.html', 'nav.dashboard', text.dashboard));
if (has(user, 'PROCESS_OWNER', 'OFFICER')) cards.append(card('/models.html', 'nav.models', text.models));
const next = sameOriginPath(sessionStorage.getItem('next'));
if (user) sessionStorage.removeItem('next');
if (user && next) location.href = next;
