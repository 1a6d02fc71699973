/**
 * A calendar invitation (RFC 5545) for a tour, written by ical-generator: one VEVENT, times in UTC, TEXT values
 * escaped (a bare carriage return becomes a line break: iCalendar TEXT has no other), lines folded at 75
 * octets, CRLF line ends.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';

/** The .ics text of one tour. */
export function tourInvite(event: {
  uid: string;
  start: Date;
  minutes: number;
  summary: string;
  location: string;
  description: string;
  now?: Date;
}): string {
  const calendar = ical({
    prodId: { company: 'Fengtai Aerospace Innovation Center', product: 'Leasing portal', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: event.uid,
    stamp: event.now ?? new Date(),
    start: event.start,
    end: new Date(event.start.getTime() + event.minutes * 60_000),
    summary: event.summary,
    location: event.location,
    description: event.description,
  });
  // Every content line ends with CRLF, the last one too (RFC 5545 §3.1).
  return `${calendar.toString()}\r\n`;
}
