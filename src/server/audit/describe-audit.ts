/**
 * One audit entry as staff read it: who (a name, not an account id), what (a sentence, not `lead.stage`), which
 * record (a company, a unit's display name, an embed's name) and each change in words ("阶段：新线索 → 报价").
 * Codes without a label (older data) show as they are rather than vanish.
 */
import { describeSavedSearch } from '../alerts/describe-saved-search.ts';
import { consoleLabels } from '../../i18n/console-labels.ts';
import type { Lang } from '../../i18n/lang.ts';
import { formatMessage } from '../../i18n/format-message.ts';
import { messages } from '../../i18n/messages.ts';
import { formatDate, formatDateTime, formatRentRate, formatYuan } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import { describeEmbedFilters } from '../embeds/describe-embed-filters.ts';

export interface AuditEntry {
  actorEmail: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Names of the records entries point at, looked up by the page for the entries it shows. */
export interface AuditNames {
  staffById: ReadonlyMap<string, string>;
  staffByEmail: ReadonlyMap<string, string>;
  leads: ReadonlyMap<string, { companyName: string; reference: string }>;
  embeds: ReadonlyMap<string, string>;
  deposits: ReadonlyMap<string, { leadId: string; amountFen: number }>;
  tasks: ReadonlyMap<string, { title: string; leadId: string }>;
}

export interface AuditDescription {
  who: string;
  what: string;
  record: string;
  /** The lead the entry belongs to, for a link to its page. */
  leadId: string | undefined;
  changes: string[];
}

/** Describes one entry in `lang`. */
export function describeAudit(
  entry: AuditEntry,
  names: AuditNames,
  catalog: Pick<Catalog, 'unitById' | 'buildingById' | 'buildingBySlug'>,
  lang: Lang,
): AuditDescription {
  const m = messages(lang);
  const l = consoleLabels(lang);
  const word = (labels: Record<string, string>, code: unknown) => labels[String(code)] ?? String(code);
  const leadName = (id: string) => {
    const lead = names.leads.get(id);
    return lead ? `${lead.companyName} · ${lead.reference}` : l.entities.lead!;
  };
  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return l.none;
    switch (key) {
      case 'stage':
        return word(m.console.stages, v);
      case 'lostReason':
        return word(m.console.lostReasons, v);
      case 'reason':
        return entry.entity === 'deposit' ? word(m.console.lead.refundChoices, v) : word(m.console.lostReasons, v);
      case 'keptDepositId':
        return l.kept;
      case 'ownerId':
      case 'assigneeId':
        return names.staffById.get(String(v)) ?? l.none;
      case 'role':
        return word(m.console.roles, v);
      case 'banned':
        return v ? l.disabled : l.enabled;
      case 'done':
      case 'erased':
      case 'expiryPublic':
        return v ? l.yes : l.no;
      case 'listRentPerSqmDay':
        return `${formatRentRate(String(v), lang)} ${lang === 'zh' ? '元/m²/天' : 'CNY/m²/day'}`;
      case 'status':
        return entry.entity === 'deposit' ? word(l.depositStatuses, v) : word(m.status, v);
      case 'availableFrom':
      case 'startsOn':
      case 'endsOn':
      case 'untilOn':
      case 'dueOn':
        return formatDate(String(v), lang);
      case 'startsAt':
        return formatDateTime(new Date(String(v)), lang);
      case 'minutes':
        return formatMessage(l.minutes, { n: String(v) });
      case 'length':
        return formatMessage(l.characters, { n: String(v) });
      case 'unitIds':
        return (
          (v as string[]).map((id) => unitDisplayName(catalog, id, lang)).join(lang === 'zh' ? '、' : ', ') || l.none
        );
      case 'requirement':
        return v ? describeSavedSearch(catalog, String(v), lang) : l.none;
      case 'filters':
        return describeEmbedFilters(catalog, String(v), lang);
      case 'lang':
        return word(l.languages, v);
      case 'allowedHosts':
        return (v as string[]).join(', ') || l.anyHost;
      case 'file':
        return word(l.files, v);
      case 'duplicate': {
        const d = v as { reference?: string; companyName?: string };
        return [d.companyName, d.reference].filter(Boolean).join(' · ');
      }
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const label = l.fields[key];
    if (!label) continue;
    const [had, has] = [key in before, key in after];
    const [b, a] = [had ? value(key, before[key]) : '', has ? value(key, after[key]) : ''];
    if (had && has && b === a) continue;
    changes.push(`${label}: ${had && has ? `${b} → ${a}` : has ? a : b}`);
  }
  const deposit = entry.entity === 'deposit' ? names.deposits.get(entry.entityId) : undefined;
  const task = entry.entity === 'lead_task' ? names.tasks.get(entry.entityId) : undefined;
  const leadId =
    entry.entity === 'lead'
      ? entry.entityId
      : (deposit?.leadId ?? task?.leadId ?? (typeof after.leadId === 'string' ? after.leadId : undefined));
  const record = (() => {
    switch (entry.entity) {
      case 'lead':
        return leadName(entry.entityId);
      case 'unit':
        return unitDisplayName(catalog, entry.entityId, lang);
      case 'staff':
        return (
          names.staffById.get(entry.entityId) ?? (typeof after.email === 'string' ? after.email : l.entities.staff!)
        );
      case 'embed':
        return names.embeds.get(entry.entityId) ?? String(before.name ?? after.name ?? l.entities.embed);
      case 'deposit':
        return deposit
          ? `${formatYuan(BigInt(deposit.amountFen), lang)} · ${leadName(deposit.leadId)}`
          : l.entities.deposit!;
      case 'lead_task':
        return `${task?.title ?? after.title ?? l.entities.lead_task} · ${leadId ? leadName(leadId) : ''}`;
      case 'export':
        return word(l.files, entry.entityId);
      default:
        return word(l.entities, entry.entity);
    }
  })();
  const who =
    entry.actorEmail === 'system'
      ? m.console.lead.actors.system!
      : (names.staffByEmail.get(entry.actorEmail) ?? entry.actorEmail);
  return { who, what: word(l.actions, entry.action), record, leadId, changes };
}
