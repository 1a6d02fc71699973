/**
 * Calendar files for tours (RFC 5545), written by ical-generator: TEXT values escaped (a bare carriage return
 * becomes a line break: iCalendar TEXT has no other), lines folded at 75 octets, CRLF line ends.
 *
 * Times are written in Beijing time with TZID=Asia/Shanghai and the zone's own VTIMEZONE (fixed +08:00, no
 * daylight-saving time since 1991), so a calendar in any zone shows the right moment. An invitation is an iTIP
 * message (RFC 5546): METHOD:REQUEST with the agent as ORGANIZER and the tenant as ATTENDEE, or METHOD:CANCEL;
 * SEQUENCE goes up with each change, so calendars replace the earlier version. A subscription feed is PUBLISH.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

const TIME_ZONE = 'Asia/Shanghai';

/** The VTIMEZONE of Asia/Shanghai: one standard offset, +08:00. */
const SHANGHAI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

interface Person {
  name: string;
  email: string;
}

export interface TourEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** Where the tenant manages the booking (or the console's lead page, in an agent's feed). */
  url?: string | undefined;
  organizer?: Person | undefined;
  attendees?: readonly Person[] | undefined;
  isCancelled?: boolean;
}

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

const METHODS: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** A calendar with the given events; `name` titles a subscription feed. */
export function tourCalendar(
  method: CalendarMethod,
  events: readonly TourEvent[],
  options: { name?: string; now?: Date } = {},
): string {
  const calendar = ical({
    prodId: { company: 'Fengtai Aerospace Innovation Center', product: 'Leasing portal', language: 'ZH' },
    method: METHODS[method],
    ...(options.name ? { name: options.name, ttl: 15 * 60 } : {}),
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: options.now ?? new Date(),
      start: event.start,
      end: event.end,
      summary: event.summary,
      location: event.location,
      description: event.description,
      url: event.url ?? null,
      status: event.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: event.organizer ? { name: event.organizer.name, email: event.organizer.email } : null,
      attendees: (event.attendees ?? []).map((a) => ({ name: a.name, email: a.email, rsvp: true })),
    });
  }
  // Every content line ends with CRLF, the last one too (RFC 5545 §3.1).
  return `${inBeijingTime(calendar.toString())}\r\n`;
}

/**
 * Rewrites the UTC start and end times ical-generator writes as Beijing times with TZID, and adds the zone's
 * VTIMEZONE. (ical-generator would write zoned times from the process's own time zone, which is not Beijing's
 * on every machine.) Beijing is UTC+8 all year, so the shift is exact.
 */
function inBeijingTime(text: string): string {
  const zoned = text.replace(/^(DTSTART|DTEND):(\d{8}T\d{6})Z\r$/gm, (_, name: string, utc: string) => {
    const at = Date.UTC(
      +utc.slice(0, 4),
      +utc.slice(4, 6) - 1,
      +utc.slice(6, 8),
      +utc.slice(9, 11),
      +utc.slice(11, 13),
      +utc.slice(13, 15),
    );
    const local = new Date(at + 8 * 3600_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    return `${name};TZID=${TIME_ZONE}:${local}\r`;
  });
  return zoned.replace(/^(BEGIN:VEVENT\r)$/m, `${SHANGHAI_VTIMEZONE}\r\n$1`);
}
