import { applyI18n, csrfToken, el, lang, t } from '/assets/app.js';

// the session's CSRF token comes as a cookie with this page; the form sends it back
async function ensureToken() {
  if (!csrfToken()) await fetch('/api/measures', { credentials: 'same-origin' });
  document.getElementById('csrf').value = csrfToken();
}

const params = new URLSearchParams(location.search);
const message = document.getElementById('message');
if (params.has('error')) message.append(el('div', { class: 'notice bad' }, t('signin.failed')));
if (params.has('logout')) message.append(el('div', { class: 'notice ok' }, t('signin.out')));
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  sessionStorage.setItem('next', next);
}
document.getElementById('login-form').addEventListener('submit', () => {
  document.getElementById('csrf').value = csrfToken();
});
const select = el('select', { id: 'lang', style: 'float:right;width:auto' }, el('option', { value: 'zh' }, '中文'), el('option', { value: 'en' }, 'English'));
select.value = lang();
select.onchange = () => { localStorage.setItem('lang', select.value); applyI18n(); };
document.querySelector('.login').prepend(select);
applyI18n();
ensureToken();
