// Progressive enhancement of the staff inbox. Every page works without this file; with it the
// queue and the open case refresh themselves when something changes (server-sent events), and
// delivery states update while a reply is on its way.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const page = document.body.dataset.page;

  // Canned answers fill the reply box; staff can still edit before sending.
  for (const select of document.querySelectorAll('select[data-canned-target]')) {
    select.addEventListener('change', () => {
      const target = document.getElementById(select.dataset.cannedTarget);
      if (target && select.value) {
        target.value = select.value;
        target.focus();
      }
    });
  }

  async function refreshFragment(selector) {
    const res = await fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const sel of selector) {
      const fresh = doc.querySelector(sel);
      const current = document.querySelector(sel);
      if (fresh && current) current.replaceWith(fresh);
    }
    for (const el of doc.querySelectorAll('[data-count]')) {
      const mine = document.querySelector(`[data-count="${el.dataset.count}"]`);
      if (mine) mine.textContent = el.textContent;
    }
  }

  let timer = null;
  function soon(fn) {
    clearTimeout(timer);
    timer = setTimeout(fn, 300);
  }

  let bellTimer = null;
  function soonBell(fn) {
    clearTimeout(bellTimer);
    bellTimer = setTimeout(fn, 300);
  }

  function showLive() {
    const live = document.getElementById('live-status');
    if (live) live.hidden = false;
  }

  // The bell's count and label follow the user's notifications as they arrive or are read.
  async function refreshBell() {
    const bell = document.querySelector('[data-bell]');
    if (!bell) return;
    const res = await fetch('/api/notifications?unread=1&limit=1', { credentials: 'same-origin' });
    if (!res.ok) return;
    const { unread } = await res.json();
    const count = bell.querySelector('[data-count="notifications"]');
    if (count) count.textContent = String(unread);
    bell.classList.toggle('unread', unread > 0);
    bell.setAttribute('aria-label', unread > 0 ? bell.dataset.labelSome.replace('{n}', String(unread)) : bell.dataset.labelNone);
  }

  const signedIn = document.querySelector('[data-bell]') !== null;
  if (signedIn && 'EventSource' in window) {
    const caseId = document.querySelector('[data-case-id]')?.dataset.caseId;
    const conversationId = document.querySelector('[data-conversation-id]')?.dataset.conversationId;
    const events = new EventSource('/api/events');
    events.addEventListener('notification', () => {
      soonBell(() => (page === 'notifications' ? refreshFragment(['#notifications']).then(refreshBell) : refreshBell()));
    });
    events.addEventListener('conversation', (e) => {
      const change = JSON.parse(e.data);
      if (page === 'queue') soon(() => refreshFragment(['#queue']).then(showLive));
      else if (change.conversationId === conversationId) soon(() => refreshFragment(['#conversation']));
    });
    events.addEventListener('case', (e) => {
      const change = JSON.parse(e.data);
      if (page === 'queue') soon(() => refreshFragment(['#queue']).then(showLive));
      // On a case page only the conversation refreshes: a form being typed in stays as it is.
      else if (change.caseId === caseId) soon(() => refreshFragment(['#conversation']));
    });
    window.addEventListener('beforeunload', () => events.close());
  }

  // While a reply is pending, its delivery state is re-read until it is final.
  if (page === 'case' || page === 'conversation') {
    const poll = () => {
      if (document.querySelector('#conversation [data-delivery="pending"], #conversation [data-delivery="sending"]')) {
        refreshFragment(['#conversation']).finally(() => setTimeout(poll, 2000));
      }
    };
    setTimeout(poll, 1500);
  }

  // Live chat: the reply goes through the JSON API without leaving the page; the form
  // still posts normally when scripts are off.
  for (const form of document.querySelectorAll('form[data-enhance="reply"]')) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = form.querySelector('textarea[name="text"]');
      const asAnswer = form.querySelector('input[name="asAnswer"]')?.checked === true;
      const button = form.querySelector('button[type="submit"]');
      const status = form.querySelector('[data-reply-status]');
      button.disabled = true;
      try {
        const res = await fetch(form.dataset.api, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ text: text.value, asAnswer }),
        });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) {
          status.textContent = body.error?.text ?? body.error?.message ?? String(res.status);
          status.className = 'notice error';
          return;
        }
        text.value = '';
        status.textContent = form.dataset[body.outcome?.kind === 'call_citizen' ? 'msgCall' : 'msgQueued'] ?? '';
        status.className = 'notice done';
        await refreshFragment(['#conversation']);
        setTimeout(() => {
          if (document.querySelector('#conversation [data-delivery="pending"], #conversation [data-delivery="sending"]')) {
            refreshFragment(['#conversation']);
          }
        }, 1500);
      } finally {
        button.disabled = false;
      }
    });
  }

  window.congboc = { csrf };
})();
