const UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** "256kb" → 262144, as the configuration writes limits (units of 1024, like express). */
export function byteLimit(text: string): number {
  const m = /^(\d+)(b|kb|mb)$/i.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a size like 256kb`);
  return Number(m[1]) * UNITS[m[2]!.toLowerCase() as keyof typeof UNITS];
}
