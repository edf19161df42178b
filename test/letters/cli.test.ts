import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIELDS = {
  agency: 'Ủy ban nhân dân xã Tả Phìn',
  number: '7/PXL',
  place: 'Tả Phìn',
  issuedOn: '2026-11-23',
  recipient: { kind: 'person', honorific: 'ong', name: 'Lò Văn Páo' },
  procedure: 'chứng thực bản sao',
  dossierCode: 'A-0007',
  receivedOn: '2026-11-20',
  promisedOn: '2026-11-23',
  reason: 'đường truyền mạng gián đoạn',
  newDate: '2026-11-25',
  signer: { title: 'Chủ tịch', name: 'Lý Văn Sơn' },
};

function congboc(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'congboc.js'), 'letters', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('congboc letters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'congboc-letters-'));
  const input = join(dir, 'fields.json');
  writeFileSync(input, JSON.stringify(FIELDS));

  it('writes the DOCX and reports a missing LibreOffice as data, exit 1', () => {
    const out = join(dir, 'out.docx');
    // An empty PATH hides soffice whether or not this machine has it.
    const r = congboc(['docx', input, out, '--pdf', join(dir, 'out.pdf')], { ...process.env, PATH: '' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ docx: out, pdf: null, pdfUnavailable: { reason: 'soffice_missing' } });
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('prints the text preview and rejects invalid fields with exit 2', () => {
    const text = congboc(['text', input]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Kính gửi: Ông Lò Văn Páo');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...FIELDS, reason: '' }));
    const r = congboc(['text', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reason:');
  });
});
