import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv.ts';
import { tourInvite } from '../../src/lib/ics.ts';
import { canMoveStage } from '../../src/lib/pipeline.ts';
import { isAllowed, isConsolePath, isPublicConsolePath } from '../../src/server/auth/console-access.ts';
import { safeConsoleNext } from '../../src/server/auth/sign-in.ts';

describe('pipeline moves', () => {
  it('allows moves between open stages and to Lost, keeps Signed final and lets Lost reopen', () => {
    expect(canMoveStage('new', 'touring')).toBe(true);
    expect(canMoveStage('proposal', 'contacted')).toBe(true);
    expect(canMoveStage('touring', 'lost')).toBe(true);
    expect(canMoveStage('signed', 'new')).toBe(false);
    expect(canMoveStage('lost', 'new')).toBe(true);
    expect(canMoveStage('lost', 'signed')).toBe(false);
    expect(canMoveStage('new', 'new')).toBe(false);
  });
});

describe('console access', () => {
  it('knows console paths and the public sign-in pages', () => {
    expect(isConsolePath('/console')).toBe(true);
    expect(isConsolePath('/api/console/leads/x/stage')).toBe(true);
    expect(isConsolePath('/consoled')).toBe(false);
    expect(isPublicConsolePath('/console/login')).toBe(true);
    expect(isPublicConsolePath('/console/login/2fa')).toBe(true);
    expect(isPublicConsolePath('/console/login/other')).toBe(false);
  });

  it('keeps refunds from marketing, users and erasure from agents', () => {
    expect(isAllowed('/api/console/deposits/1/refund', 'POST', 'marketing')).toBe(false);
    expect(isAllowed('/api/console/deposits/1/refund', 'POST', 'agent')).toBe(true);
    expect(isAllowed('/console/users', 'GET', 'agent')).toBe(false);
    expect(isAllowed('/api/console/leads/1/erase', 'POST', 'agent')).toBe(false);
    expect(isAllowed('/api/console/leads/1/erase', 'POST', 'admin')).toBe(true);
    expect(isAllowed('/console/pipeline', 'GET', 'marketing')).toBe(true);
    expect(isAllowed('/api/console/leads/1/stage', 'POST', 'marketing')).toBe(false);
    expect(isAllowed('/console/anything-new', 'GET', 'nobody')).toBe(false);
  });

  it('lets every role sign out and manage its own account, and keeps lead pages from marketing', () => {
    for (const role of ['admin', 'agent', 'marketing']) {
      expect(isAllowed('/console/logout', 'POST', role)).toBe(true);
      expect(isAllowed('/console/account', 'POST', role)).toBe(true);
    }
    expect(isAllowed('/console/leads/1', 'GET', 'marketing')).toBe(false);
    expect(isAllowed('/api/console/leads/1/tours/2.ics', 'GET', 'marketing')).toBe(false);
    expect(isAllowed('/api/console/leads/1/export.json', 'GET', 'agent')).toBe(true);
  });

  it('refuses a path or method the table does not list, to every role', () => {
    expect(isAllowed('/console/anything-new', 'GET', 'admin')).toBe(false);
    expect(isAllowed('/console/pipeline', 'POST', 'admin')).toBe(false);
    expect(isAllowed('/console/logout', 'DELETE', 'admin')).toBe(false);
  });

  it('sends people back only to console pages of this site after sign-in', () => {
    expect(safeConsoleNext('/console/leads/abc', '/console')).toBe('/console/leads/abc');
    expect(safeConsoleNext('https://evil.example/console', '/console')).toBe('/console');
    expect(safeConsoleNext('//evil.example/console', '/console')).toBe('/console');
    expect(safeConsoleNext('/units', '/console')).toBe('/console');
  });
});

describe('exports and invitations', () => {
  it('writes CSV Excel opens with Chinese text, quoting and defusing formulas', () => {
    const csv = toCsv(['公司', 'note'], [['星航, 科技', '=HYPERLINK("x")'], ['"引号"', null]]);
    expect(csv.startsWith('\uFEFF公司,note\r\n')).toBe(true);
    expect(csv).toContain('"星航, 科技","\'=HYPERLINK(""x"")"');
    expect(csv).toContain('"""引号""",\r\n');
  });

  it('writes a valid tour invitation in UTC with escaped, folded text', () => {
    const ics = tourInvite({ uid: 'u1@test', start: new Date('2026-12-04T06:00:00Z'), minutes: 60, summary: '带看：星航, 科技', location: '丰台航空航天创新中心 '.repeat(5), description: 'AIC-ABC123', now: new Date('2026-11-24T00:00:00Z') });
    expect(ics).toContain('DTSTART:20261204T060000Z\r\n');
    expect(ics).toContain('DTEND:20261204T070000Z\r\n');
    expect(ics).toContain('SUMMARY:带看：星航\\, 科技');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
