/**
 * Remembers, for this browser tab only (sessionStorage: gone when the tab closes, never sent to the server), who
 * just sent an inquiry, so that the reservation form that usually follows need not be typed again.
 */
const KEY = 'aic.tenant';

/** The fields worth carrying from an inquiry to a reservation: who the company is and how to reach them. */
const REMEMBERED_FIELDS = ['companyName', 'creditCode', 'industryTrack', 'contactName', 'mobile', 'email'] as const;

/** Stores the company and contact fields of an inquiry that was just accepted. */
export function rememberTenant(fields: Record<string, unknown>): void {
  const kept = Object.fromEntries(
    REMEMBERED_FIELDS.flatMap((name) =>
      typeof fields[name] === 'string' && fields[name] ? [[name, fields[name]]] : [],
    ),
  );
  try {
    sessionStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage can be off (private modes, quotas): the form then starts empty, as before.
  }
}

/** The remembered fields, or an empty record. */
function recallTenant(): Partial<Record<(typeof REMEMBERED_FIELDS)[number], string>> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      REMEMBERED_FIELDS.flatMap((name) => {
        const value = (parsed as Record<string, unknown>)[name];
        return typeof value === 'string' ? [[name, value]] : [];
      }),
    );
  } catch {
    return {};
  }
}

/**
 * Fills the empty fields of `form` from the remembered inquiry and shows `note` if anything was filled. Waits
 * until React has hydrated the form (its island loses the `ssr` attribute) so hydration cannot undo the values.
 */
export function prefillFromInquiry(form: HTMLFormElement | null, note: HTMLElement | null): void {
  if (!form) return;
  const remembered = recallTenant();
  if (Object.keys(remembered).length === 0) return;
  const fill = () => {
    let filled = 0;
    for (const [name, value] of Object.entries(remembered)) {
      const field = form.elements.namedItem(name);
      if ((field instanceof HTMLInputElement || field instanceof HTMLSelectElement) && !field.value && value) {
        field.value = value;
        if (field.value === value) filled += 1;
      }
    }
    if (filled > 0 && note) note.hidden = false;
  };
  const island = form.closest('astro-island');
  if (!island || !island.hasAttribute('ssr')) {
    fill();
    return;
  }
  const observer = new MutationObserver(() => {
    if (island.hasAttribute('ssr')) return;
    observer.disconnect();
    fill();
  });
  observer.observe(island, { attributes: true, attributeFilter: ['ssr'] });
}
