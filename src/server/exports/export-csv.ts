/**
 * The console's CSV downloads for Excel (UTF-8 with BOM): leads.csv and inventory.csv. Every export is audited,
 * since it carries personal data.
 */
import { desc, eq } from 'drizzle-orm';
import { toCsv } from '../../lib/csv.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { leads } from '../db/schema.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';

const EXPORT_FILES = ['leads.csv', 'inventory.csv'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

export function isExportFile(value: unknown): value is ExportFile {
  return typeof value === 'string' && (EXPORT_FILES as readonly string[]).includes(value);
}

async function leadsCsv(db: Database): Promise<string> {
  const rows = await db
    .select({ lead: leads, owner: staffUsers.name })
    .from(leads)
    .leftJoin(staffUsers, eq(staffUsers.id, leads.ownerId))
    .orderBy(desc(leads.createdAt));
  return toCsv(
    [
      '编号 Reference',
      '公司 Company',
      '统一社会信用代码 Credit code',
      '联系人 Contact',
      '手机 Mobile',
      '邮箱 Email',
      '方向 Track',
      '阶段 Stage',
      '负责人 Owner',
      '来源 Source',
      '创建 Created',
      '最近咨询 Last inquiry',
    ],
    rows.map(({ lead, owner }) => [
      lead.reference,
      lead.companyName,
      lead.creditCode,
      lead.contactName,
      lead.mobile,
      lead.email,
      lead.industryTrack,
      lead.stage,
      owner,
      lead.firstTouch?.utm?.source ?? (lead.firstTouch?.embed ? `embed:${lead.firstTouch.embed.id}` : 'direct'),
      lead.createdAt,
      lead.lastInquiryAt,
    ]),
  );
}

async function inventoryCsv(db: Database, catalog: Catalog): Promise<string> {
  const states = await listUnitStates(db);
  return toCsv(
    [
      '单元 Unit',
      '楼宇 Building',
      '楼层 Level',
      '建筑面积 Gross m²',
      '使用面积 Usable m²',
      '状态 Status',
      '挂牌价 Rent CNY/m²/day',
      '可入驻 Available from',
      '交付 Fit-out',
    ],
    catalog.units.map((u) => {
      const state = states.get(u.id);
      return [
        u.id,
        catalog.buildingById.get(u.building)?.name.zh,
        u.level,
        u.grossArea,
        u.usableArea,
        state?.status,
        state?.listRentPerSqmDay,
        state?.availableFrom,
        u.fitOut,
      ];
    }),
  );
}

/** The file's CSV and its download name (`leads-2025-01-31.csv`), recorded in the audit log. */
export async function exportCsv(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  file: ExportFile,
  now: Date = new Date(),
): Promise<{ csv: string; filename: string }> {
  const csv = file === 'leads.csv' ? await leadsCsv(deps.db) : await inventoryCsv(deps.db, deps.catalog);
  await recordAudit(deps.db, actor, 'export', 'export', file, null, { file });
  return { csv, filename: `${file.replace('.csv', '')}-${now.toISOString().slice(0, 10)}.csv` };
}
