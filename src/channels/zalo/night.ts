/**
 * Zalo's night: some messages (promotion, ZNS templates) are refused between 22:00 and 06:00
 * Vietnam time (-234, -133). The hours come from the configuration (ZALO_NIGHT_HOURS), since
 * CHANNELS.md notes they may be a per-template setting.
 */
export interface NightHours {
  /** Minutes after local midnight when the night begins (22:00 → 1320). */
  readonly start: number;
  /** Minutes after local midnight when it ends (06:00 → 360). */
  readonly end: number;
}

// Viet Nam keeps UTC+7 all year.
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** When the night an instant falls in ends; null when the instant is not at night. */
export function nightEnds(at: Date, night: NightHours): Date | null {
  const local = at.getTime() + OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = Math.floor((local - midnight) / 60_000);
  const wraps = night.start > night.end;
  const inNight = wraps ? minute >= night.start || minute < night.end : minute >= night.start && minute < night.end;
  if (!inNight) return null;
  let end = midnight + night.end * 60_000;
  if (end <= local) end += DAY_MS;
  return new Date(end - OFFSET_MS);
}

/** "22:00-06:00" → { start: 1320, end: 360 }; null when malformed or empty. */
export function parseNightHours(text: string): NightHours | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start === end ? null : { start, end };
}
