import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults for a one-machine start', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379', PGLITE_DIR: './data/pglite' });
    expect(cfg.DATABASE_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ GRAPH_API_VERSION: '25' })).toThrow(/GRAPH_API_VERSION: must look like v25.0/);
    expect(() => loadConfig({ ZALO_OA_SCOPE: 'xa:123' })).toThrow(/ZALO_OA_SCOPE/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });

  it('refuses half of a one-account setup', () => {
    expect(() => loadConfig({ MESSENGER_PAGE_ID: '1' })).toThrow(/MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_PAGE_SCOPE: required/);
  });

  it('turns notices by phone on only with a valid ZNS template id', () => {
    expect(loadConfig({}).ZALO_ZNS_TEMPLATE_ID).toBeUndefined();
    expect(loadConfig({}).ZALO_ZNS_BASE).toBe('https://business.openapi.zalo.me');
    expect(loadConfig({ ZALO_ZNS_TEMPLATE_ID: ' ' }).ZALO_ZNS_TEMPLATE_ID).toBeUndefined();
    expect(loadConfig({ ZALO_ZNS_TEMPLATE_ID: '231633' }).ZALO_ZNS_TEMPLATE_ID).toBe('231633');
    expect(() => loadConfig({ ZALO_ZNS_TEMPLATE_ID: 'my template' })).toThrow(/ZALO_ZNS_TEMPLATE_ID/);
    expect(() => loadConfig({ ZALO_ZNS_BASE: 'business.openapi.zalo.me' })).toThrow(/ZALO_ZNS_BASE/);
  });

  it("reads Zalo's night hours, 22:00-06:00 unless set, and refuses a malformed or empty span", () => {
    expect(loadConfig({}).ZALO_NIGHT_HOURS).toEqual({ start: 1320, end: 360 });
    expect(loadConfig({ ZALO_NIGHT_HOURS: '21:30-07:00' }).ZALO_NIGHT_HOURS).toEqual({ start: 1290, end: 420 });
    expect(() => loadConfig({ ZALO_NIGHT_HOURS: '22-6' })).toThrow(/ZALO_NIGHT_HOURS: must look like 22:00-06:00/);
    expect(() => loadConfig({ ZALO_NIGHT_HOURS: '06:00-06:00' })).toThrow(/ZALO_NIGHT_HOURS/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });
});
