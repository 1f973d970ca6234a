import { api, bi, el, lang, layout, money, t, when } from '/assets/app.js';

await layout('nav.dashboard');
const d = await api('/api/dashboard');
const NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, text) => {
  const e = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
};
// amounts are decimal strings; the bars need only their proportions
const num = s => Number(s || 0);

/** Horizontal bars; each row: label, value (number), shown text, optional second value drawn behind (a total). */
function bars(container, rows, { color = '#b3261e', back = '#eef1f4' } = {}) {
  // drawn at the container's pixel width, so that text keeps one size in every card
  const width = Math.max(360, container.clientWidth || 640), row = 30, left = Math.round(width * 0.34), right = 130;
  const chars = Math.floor(left / 13);
  const max = Math.max(1, ...rows.map(r => Math.max(r.value, r.total || 0)));
  const chart = svg('svg', { class: 'chart', width, height: rows.length * row + 10, role: 'img' });
  rows.forEach((r, i) => {
    const y = i * row + 6;
    const label = svg('text', { x: 0, y: y + 15 }, r.label.length > chars ? r.label.slice(0, chars - 1) + '…' : r.label);
    label.append(svg('title', {}, r.label));
    chart.append(label);
    if (r.total) chart.append(svg('rect', { x: left, y, width: (width - left - right) * r.total / max, height: 18, fill: back, rx: 3 }));
    chart.append(svg('rect', { x: left, y, width: Math.max(1, (width - left - right) * r.value / max), height: 18, fill: color, rx: 3 }));
    chart.append(svg('text', { x: width - right + 6, y: y + 15 }, r.text));
  });
  if (!rows.length) container.append(el('p', { class: 'muted' }, t('none')));
  else container.append(chart);
}

bars(document.getElementById('budgets'), d.budgets.map(b => ({ label: b.measure + ' ' + b.year, value: num(b.committed),
  total: num(b.amount), text: Math.round(100 * num(b.committed) / Math.max(1, num(b.amount))) + '% · ' + money(b.remaining) })));
document.getElementById('budgets').append(el('p', { class: 'small muted' }, '■ ' + t('budget.used') + ' □ ' + t('budget.remaining')));
bars(document.getElementById('stages'), d.stages.map(s => ({ label: bi(s.label), value: s.cases, text: String(s.cases) })), { color: '#0b5cad' });
const clusters = document.getElementById('clusters');
bars(clusters, d.clusters.filter(c => num(c.granted) > 0 || c.targets.length).map(c => ({
  label: lang() === 'zh' ? c.name : c.nameEn, value: num(c.granted), text: money(c.granted) })), { color: '#1a7f37' });
clusters.append(el('table', { class: 'small' }, el('tbody', {}, d.clusters.filter(c => c.targets.length).map(c => el('tr', {},
  el('td', {}, lang() === 'zh' ? c.name : c.nameEn), el('td', { class: 'num' }, money(c.granted)),
  el('td', {}, c.targets.map(x => `${x.year} ${lang() === 'zh' ? x.metric : x.metricEn}: ${x.value} ${x.unit}`).join('；')))))));
bars(document.getElementById('units'), d.units.map(u => ({ label: u.unit, value: num(u.granted), text: money(u.granted) })), { color: '#9a6700' });
document.querySelector('#rounds tbody').replaceChildren(...d.rounds.map(r => el('tr', {},
  el('td', {}, r.name), el('td', {}, el('span', { class: 'badge info' }, r.status)), el('td', { class: 'num' }, r.cases),
  el('td', { class: 'small' }, when(r.windowCloses)))));
document.body.dataset.ready = 'true';
