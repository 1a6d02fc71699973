import type { APIRoute } from 'astro';
import { desc, eq } from 'drizzle-orm';
import { toCsv } from '../../../../lib/csv.ts';
import { staffUsers } from '../../../../server/db/auth-schema.ts';
import { leads } from '../../../../server/db/schema.ts';
import { recordAudit } from '../../../../server/audit/record-audit.ts';
import { listUnitStates } from '../../../../server/inventory/list-unit-states.ts';

/** leads.csv and inventory.csv for Excel (UTF-8 with BOM). Every export is audited: it carries personal data. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { db, catalog } = locals.runtime;
  const stamp = new Date().toISOString().slice(0, 10);
  let csv: string;
  if (params.file === 'leads.csv') {
    const rows = await db
      .select({ lead: leads, owner: staffUsers.name })
      .from(leads)
      .leftJoin(staffUsers, eq(staffUsers.id, leads.ownerId))
      .orderBy(desc(leads.createdAt));
    csv = toCsv(
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
  } else if (params.file === 'inventory.csv') {
    const states = await listUnitStates(db);
    csv = toCsv(
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
  } else {
    return new Response('Not found', { status: 404 });
  }
  await recordAudit(db, locals.staff!, 'export', 'export', params.file!, null, { file: params.file });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${params.file!.replace('.csv', '')}-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
