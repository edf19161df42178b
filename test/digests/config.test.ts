import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('digest settings', () => {
  it('default to Monday 07:00 in Viet Nam and no SMTP', () => {
    const cfg = loadConfig({});
    expect([cfg.DIGEST_CRON, cfg.DIGEST_TZ, cfg.SMTP_URL]).toEqual(['0 7 * * 1', 'Asia/Ho_Chi_Minh', undefined]);
    expect(loadConfig({ SMTP_URL: '  ' }).SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.vn:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.vn:465');
  });

  it.each([
    ['SMTP_URL', 'http://mail.example.vn'],
    ['DIGEST_TZ', 'Mars/Olympus'],
    ['DIGEST_CRON', 'every monday'],
  ])('names %s when it is wrong', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}:`));
  });
});
