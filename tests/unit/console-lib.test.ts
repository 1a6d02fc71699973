import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv.ts';
import { tourCalendar } from '../../src/lib/ics.ts';
import { canMoveStage } from '../../src/lib/pipeline.ts';
import { isAllowed, isPublicConsolePath } from '../../src/server/auth/console-access.ts';
import { classifyPath } from '../../src/server/http/classify-path.ts';
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
    // Reserved is reached only through a paid deposit, never by hand.
    expect(canMoveStage('proposal', 'reserved')).toBe(false);
    expect(canMoveStage('lost', 'reserved')).toBe(false);
  });
});

describe('console access', () => {
  it('knows console paths and the public sign-in pages', () => {
    expect(classifyPath('/console').console).toBe('staff');
    expect(classifyPath('/en/api/console/leads/x/stage').console).toBe('staff');
    expect(classifyPath('/console/login').console).toBe('sign-in');
    expect(classifyPath('/consoled').console).toBe(null);
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
  const hostile = [
    'CR\ralone',
    'LF\nalone',
    'CRLF\r\nline',
    'semi;colon',
    'comma,here',
    'quote "x" \'y\'',
    'back\\slash',
    '火箭 🚀👩‍🚀',
    '  spaces  ',
  ];

  it('writes CSV that Excel opens with Chinese text: BOM, CRLF, `;` quoted, formulas defused, values read back exactly', () => {
    const formulas = ['=HYPERLINK("http://evil")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'];
    const csv = toCsv(
      ['公司 Company', 'n'],
      [
        ...hostile.map((v, i) => [v, i]),
        ...formulas.map((v) => [v, -1]),
        [null, undefined],
        [new Date('2026-01-02T03:04:05Z'), 10n],
      ],
    );
    expect(csv.startsWith('\uFEFF公司 Company,n\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Outside quoted fields there is no `;` (Excel splits on it in some locales) and no bare CR or LF.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toContain(';');
    expect(outsideQuotes.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const records = parseCsv(csv, { bom: true }) as string[][];
    expect(records).toEqual([
      ['公司 Company', 'n'],
      ...hostile.map((v, i) => [v, String(i)]),
      ...formulas.map((v) => [`'${v}`, '-1']),
      ['', ''],
      ['2026-01-02T03:04:05.000Z', '10'],
    ]);
  });

  it('writes an RFC 5545/5546 tour invitation: CRLF lines folded at 75 octets, TEXT escaped, values read back exactly', () => {
    const long = '丰台航空航天创新中心位于丰台区看丹路，园区内有三栋研发楼与一栋配套服务楼。'.repeat(4);
    for (const value of [...hostile, long]) {
      const ics = tourCalendar(
        'REQUEST',
        [
          {
            uid: 'u1@test',
            sequence: 2,
            start: new Date('2026-12-04T06:00:00Z'),
            end: new Date('2026-12-04T07:00:00Z'),
            summary: `带看：${value}`,
            location: long,
            description: value,
            organizer: { name: '李经理', email: 'li@park.example' },
            attendees: [{ name: value.slice(0, 40) || 'T', email: 't@example.com' }],
          },
        ],
        { now: new Date('2026-11-24T00:00:00Z') },
      );
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      const lines = ics.slice(0, -2).split('\r\n');
      expect(
        lines.every((line) => !/[\r\n]/.test(line)),
        JSON.stringify(value),
      ).toBe(true);
      expect(
        lines.every((line) => Buffer.byteLength(line) <= 75),
        JSON.stringify(value),
      ).toBe(true);
      // Beijing wall-clock time with its zone, which the calendar's VTIMEZONE defines (+08:00).
      expect(lines).toContain('DTSTART;TZID=Asia/Shanghai:20261204T140000');
      expect(lines).toContain('DTEND;TZID=Asia/Shanghai:20261204T150000');
      const calendar = new ICAL.Component(ICAL.parse(ics));
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const event = calendar.getFirstSubcomponent('vevent')!;
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(start.toJSDate().toISOString()).toBe('2026-12-04T06:00:00.000Z');
      // iCalendar TEXT knows one line break (\n): a CR alone or a CRLF arrives as a line break.
      const expected = value.replace(/\r\n?/g, '\n');
      expect(event.getFirstPropertyValue('summary')).toBe(`带看：${expected}`);
      expect(event.getFirstPropertyValue('description')).toBe(expected);
      expect(event.getFirstPropertyValue('location')).toBe(long);
      expect(event.getFirstPropertyValue('uid')).toBe('u1@test');
    }
  });
});
