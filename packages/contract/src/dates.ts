/**
 * Dates people send. A date more than a day ahead (a note "written" in 2999) would escape the
 * retention period for ever, so the routes refuse it with 400; the day of slack allows for time
 * zones and a clock a little fast.
 */

/** How far in the future a date may lie. */
export const FUTURE_SLACK_MS = 86_400_000;

/** Whether an ISO date (2026-03-01, read as UTC midnight) or date-time lies more than a day after `now`. */
export function tooFarAhead(iso: string, now = Date.now()): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > now + FUTURE_SLACK_MS;
}

/** The message for a date too far ahead; `what` is e.g. "A note's date". */
export const futureMessage = (what: string): string =>
  `${what} cannot be more than a day in the future (the retention period counts from it).`;
