import { applyI18n, csrfToken, el, lang, sameOriginPath, t } from '/assets/app.js';

// the session's CSRF token comes as a cookie with this page; the form sends it back
async function ensureToken() {
  if (!csrfToken()) await fetch('/api/measures', { credentials: 'same-origin' });
  document.getElementById('csrf').value = csrfToken();
}

const params = new URLSearchParams(location.search);
const message = document.getElementById('message');
if (params.has('error')) message.append(el('div', { class: 'notice bad' }, t('signin.failed')));
if (params.has('logout')) message.append(el('div', { class: 'notice ok' }, t('signin.out')));
if (params.has('locked')) message.append(el('div', { class: 'notice bad' }, t('signin.locked')));
// back to the page that sent the user here afterwards: only a path of this site, never another one
const next = sameOriginPath(params.get('next'));
if (next) sessionStorage.setItem('next', next); else sessionStorage.removeItem('next');
document.getElementById('login-form').addEventListener('submit', () => {
  document.getElementById('csrf').value = csrfToken();
});
const select = el('select', { id: 'lang', class: 'lang-corner' }, el('option', { value: 'zh' }, '中文'), el('option', { value: 'en' }, 'English'));
select.value = lang();
select.onchange = () => { localStorage.setItem('lang', select.value); applyI18n(); };
document.querySelector('.login').prepend(select);
applyI18n();
ensureToken();
