import { describe, expect, it, vi } from 'vitest';
import { chromiumAvailable } from '../support/chromium.ts';

describe('browser tests without Chromium', () => {
  it('say why they skip, and fail instead under CI=true', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(chromiumAvailable('some browser test', '/nonexistent/chromium', {})).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/some browser test: skipped, no Chromium at \/nonexistent\/chromium/));
    expect(() => chromiumAvailable('some browser test', '/nonexistent/chromium', { CI: 'true' })).toThrow(/CI=true requires it/);
    warn.mockRestore();
  });
});
