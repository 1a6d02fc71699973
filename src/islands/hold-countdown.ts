/**
 * Runs the hold's countdown on the checkout step (a plain script, no React): the clock in `[data-countdown]`,
 * polite announcements in `[data-hold-announce]`, and, when the time is up, the "hold ended" block in place of the
 * pay button. Works from the server-rendered markup, so the page says the same without JavaScript.
 */
import { formatCountdown, holdAnnouncement } from '../lib/countdown.ts';

export function startHoldCountdown(root: HTMLElement): void {
  const expiresAt = Date.parse(root.dataset.expires ?? '');
  const clock = root.querySelector<HTMLElement>('[data-countdown]');
  const announcer = root.querySelector<HTMLElement>('[data-hold-announce]');
  const open = [...root.querySelectorAll<HTMLElement>('[data-hold-open]')];
  const ended = root.querySelector<HTMLElement>('[data-hold-ended]');
  if (Number.isNaN(expiresAt) || !clock || !announcer || open.length === 0 || !ended) return;
  let said: string | undefined = 'initial';
  const tick = () => {
    const msLeft = expiresAt - Date.now();
    clock.textContent = formatCountdown(msLeft);
    const due = holdAnnouncement(msLeft, said);
    if (due) {
      said = due.key;
      const a = due.announcement;
      announcer.textContent =
        a.kind === 'minutes'
          ? (root.dataset.announceMinutes ?? '').replace('{minutes}', String(a.minutes))
          : a.kind === 'last'
            ? (root.dataset.announceLast ?? '')
            : (root.dataset.announceEnded ?? '');
    }
    if (msLeft <= 0) {
      for (const element of open) element.hidden = true;
      ended.hidden = false;
      clearInterval(timer);
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
}
