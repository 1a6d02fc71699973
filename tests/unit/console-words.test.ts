/**
 * The console's pure helpers for issue 13: the funnel from stage histories, embed filters from form fields and in
 * words, and audit entries described without codes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filtersFromFields, hasFilterFields } from '../../src/lib/embed-filter-fields.ts';
import { describeAudit, type AuditNames } from '../../src/server/audit/describe-audit.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { describeEmbedFilters } from '../../src/server/embeds/describe-embed-filters.ts';
import { countStageFunnel } from '../../src/server/pipeline/count-stage-funnel.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const names: AuditNames = {
  staffById: new Map([['s1', '王经理']]),
  staffByEmail: new Map([['wang@park.example', '王经理']]),
  leads: new Map([['l1', { companyName: '星河卫星', reference: 'AIC-ABC123' }]]),
  embeds: new Map(),
  deposits: new Map([['d1', { leadId: 'l1', amountFen: 5_000_000 }]]),
  tasks: new Map(),
};

describe('the funnel', () => {
  it('counts a stage only for leads whose history reached it', () => {
    const funnel = countStageFunnel([
      { stage: 'proposal', visited: ['new', 'proposal'] },
      { stage: 'lost', visited: ['new', 'contacted', 'touring', 'lost'] },
      { stage: 'new', visited: [] },
    ]);
    expect(funnel.map((f) => f.count)).toEqual([3, 1, 1, 1, 0, 0, 0]);
    expect(funnel[1]!.conversion).toBeCloseTo(1 / 3);
    expect(funnel[5]!.conversion).toBeNull();
  });
});

describe('embed filters', () => {
  it('builds the stored filter from the chosen fields, leaving out empty ones and defaults', () => {
    expect(
      filtersFromFields({
        name: 'x',
        building: 'rd-2',
        minArea: '300',
        maxArea: '',
        minLoad: ' 5 ',
        fitOut: ['bare', 'standard'],
        status: 'available',
      }),
    ).toBe('building=rd-2&minArea=300&fitOut=bare,standard&minLoad=5');
    expect(filtersFromFields({ building: '', status: 'all' })).toBe('status=all');
    expect(hasFilterFields({ name: 'x', filters: 'minArea=1' })).toBe(false);
    expect(hasFilterFields({ name: 'x', building: '' })).toBe(true);
  });

  it('reads a stored filter in words', () => {
    expect(describeEmbedFilters(catalog, 'building=rd-2&minArea=300&minLoad=5', 'zh')).toBe(
      '科研2号楼 · 最小面积 300 m² · 楼板荷载 ≥ 5 kN/m²',
    );
    expect(describeEmbedFilters(catalog, '', 'en')).toBe('All available units');
  });
});

describe('audit entries in words', () => {
  it('names the actor, the action, the record and each change', () => {
    const stage = describeAudit(
      {
        actorEmail: 'wang@park.example',
        action: 'lead.stage',
        entity: 'lead',
        entityId: 'l1',
        before: { stage: 'new', lostReason: null },
        after: { stage: 'lost', lostReason: 'price' },
      },
      names,
      catalog,
      'zh',
    );
    expect(stage).toEqual({
      who: '王经理',
      what: '移动线索阶段',
      record: '星河卫星 · AIC-ABC123',
      leadId: 'l1',
      changes: ['阶段: 新线索 → 流失', '流失原因: 无 → 价格'],
    });
    const refund = describeAudit(
      {
        actorEmail: 'system',
        action: 'deposit.refund',
        entity: 'deposit',
        entityId: 'd1',
        before: { status: 'reserved' },
        after: { status: 'refunded', reason: 'unit_unavailable' },
      },
      names,
      catalog,
      'en',
    );
    expect(refund.who).toBe('System');
    expect(refund.changes).toEqual(['Status: Paid → Refunded', 'Reason: The unit cannot be delivered']);
    expect(refund.record).toMatch(/^¥50,000(\.00)? · 星河卫星/);
    const unit = describeAudit(
      {
        actorEmail: 'x@park.example',
        action: 'unit.update',
        entity: 'unit',
        entityId: 'r2-0201',
        before: { listRentPerSqmDay: '4.50', status: 'available' },
        after: { listRentPerSqmDay: '4.80', status: 'available' },
      },
      names,
      catalog,
      'zh',
    );
    expect(unit.record).toBe('科研2号楼 2层 201');
    expect(unit.changes).toEqual(['挂牌价: 4.50 元/m²/天 → 4.80 元/m²/天']);
  });
});
