/**
 * `client:interaction`: hydrate an island when a visitor first reaches for it (pointer over or down, touch,
 * keyboard focus), not at load. For small controls whose server-rendered HTML is already a working link or
 * form, this keeps React off the page until someone uses it (on a unit page that is the difference between
 * loading React for one "Compare" button and loading nothing).
 *
 * The first tap is never lost. A click on a link or button that lands before React is ready is held and
 * replayed once the island has hydrated. A checkbox or radio changes at once, as the visitor expects, and the
 * visitor's choices are handed to React in order once it has hydrated the island. A field or select changed before React is ready
 * (a change wakes the island too) is handed over the same way: React does not fire onChange for a change made
 * before it hydrated an input, so the island would otherwise hold a stale value.
 *
 * `client:interaction={{ whenStored: key }}` hydrates at load when this browser has something under `key` in
 * localStorage (a compare selection the island must show at once), and when another tab changes it.
 *
 * Registered in astro.config.mjs; the attribute's type is declared in directives.d.ts.
 */
import type { ClientDirective } from 'astro';

/** Controls whose click means something only to the island's code: held until it has hydrated, then replayed. */
const HELD = 'a[href], button, [role="button"], summary';
const WAKE_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown'] as const;

/**
 * Makes React see a field's current value as a change: React tracks each field's last value through a property
 * on the element, so the tracker is set to something else and the value is put back behind it before the event.
 */
function handOver(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
  if (field instanceof HTMLSelectElement) {
    field.dispatchEvent(new Event('change', { bubbles: true })); // React reads every change event of a select
    return;
  }
  const current = field.value;
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  field.value = current === '' ? ' ' : '';
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, current);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function hasStored(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  try {
    const value = window.localStorage.getItem(key);
    return value !== null && value !== '' && value !== '[]';
  } catch {
    return false; // storage blocked: nothing stored to show
  }
}

/**
 * Whether React's last committed render checks this box (`checked` in the props React keeps on the node and
 * replaces on every commit), or undefined where React does not control it (not hydrated, or uncontrolled).
 */
function renderedChecked(box: HTMLInputElement): boolean | undefined {
  const key = Object.keys(box).find((name) => name.startsWith('__reactProps$'));
  const props: unknown = key === undefined ? undefined : (box as unknown as Record<string, unknown>)[key];
  if (typeof props !== 'object' || props === null) return undefined;
  const checked = (props as { checked?: unknown }).checked;
  return typeof checked === 'boolean' ? checked : undefined;
}

/**
 * Resolves once React has hydrated the island and committed. React tags each node it hydrates with
 * `__reactProps$…` as it completes it, the island's outermost element last; the rest of the transition's work
 * keeps the main thread busy until the commit, so the first idle moment after that tag comes after the commit.
 * Gives up after 5 s.
 */
function whenHydrated(root: Element): Promise<void> {
  const isTagged = () => Object.keys(root).some((key) => key.startsWith('__reactProps$'));
  const deadline = performance.now() + 5000;
  const idle = (resolve: () => void) =>
    'requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 50);
  return new Promise((resolve) => {
    const check = () => (isTagged() || performance.now() > deadline ? idle(resolve) : requestAnimationFrame(check));
    check();
  });
}

const interaction: ClientDirective = (load, options, el) => {
  // Astro passes an object value as given (its type says string): `client:visible` reads `rootMargin` the same way.
  const value: unknown = options.value;
  const whenStored =
    typeof value === 'object' && value !== null ? (value as { whenStored?: unknown }).whenStored : undefined;
  let started = false;
  let heldClick: Element | undefined;
  /** Boxes the visitor toggled before the hand-over: how each was before the first tick, and after the last. */
  const toggled = new Map<HTMLInputElement, { before: boolean; after: boolean }>();
  /** Other fields changed before React had them. */
  const edited = new Set<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();

  const onEdit = (event: Event) => {
    const target = event.target;
    const isBox = target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio');
    if (
      !isBox &&
      (target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement)
    ) {
      edited.add(target);
      void wake();
    }
  };

  const onClick = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element) || !el.contains(target)) return;
    if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
      // The box has already changed when the click reaches a listener (and changes back if the click is cancelled).
      const before = toggled.get(target)?.before ?? !target.checked;
      toggled.set(target, { before, after: target.checked });
      // Until the hand-over every tick is the directive's, so they reach React in the order the visitor made them
      // (React, hydrated already, would otherwise take a later tick before the earlier ones are handed over).
      event.stopImmediatePropagation();
      void wake();
      return;
    }
    const control = target.closest(HELD);
    if (!control) return; // a label, a text field, a select: the browser's own handling is right
    event.preventDefault();
    event.stopPropagation();
    heldClick = control;
    void wake();
  };

  const stopWaiting = () => {
    for (const type of WAKE_EVENTS) el.removeEventListener(type, wake, true);
    window.removeEventListener('storage', onStorage);
  };

  async function wake() {
    if (started) return;
    started = true;
    stopWaiting();
    try {
      const hydrate = await load();
      await hydrate();
      if (el.firstElementChild) await whenHydrated(el.firstElementChild);
    } finally {
      el.removeEventListener('click', onClick, true);
      el.removeEventListener('input', onEdit, true);
      el.removeEventListener('change', onEdit, true);
    }
    for (const field of edited) if (field.isConnected) handOver(field);
    edited.clear();
    // Hand each early toggle to React: set the box to the opposite of what the visitor chose, then click it, so
    // React sees the change happen. The visitor's choice is the one recorded at the tick, not the box's state now:
    // React re-renders a box it controls from state, undoing a tick it never saw. A box React renders as the
    // visitor chose needs nothing.
    for (const [box, { before, after }] of toggled) {
      if (!box.isConnected) continue;
      const rendered = renderedChecked(box) ?? before;
      if (rendered === after) continue;
      box.checked = !after;
      box.click();
    }
    toggled.clear();
    const target = heldClick;
    heldClick = undefined;
    if (!target?.isConnected) return;
    // An SVG link (a unit on a drawn plan) has no click(): a dispatched click follows it all the same.
    if (target instanceof HTMLElement) target.click();
    else target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  }

  function onStorage(event: StorageEvent) {
    if (event.key === whenStored) void wake();
  }

  el.addEventListener('click', onClick, true);
  el.addEventListener('input', onEdit, true);
  el.addEventListener('change', onEdit, true);
  if (hasStored(whenStored)) {
    void wake();
    return;
  }
  for (const type of WAKE_EVENTS) el.addEventListener(type, wake, { capture: true, passive: true });
  if (typeof whenStored === 'string') window.addEventListener('storage', onStorage);
};

export default interaction;
