import {
  candidatesJson,
  communesOfProvince,
  getCommune,
  getProvince,
  listProvinces,
  matchPlace,
  parseProvinceCode,
} from '../../directory/index.ts';

export const summary = 'official communes and provinces: match "<text>" | show <code> | provinces';

const USAGE = [
  'usage: congboc directory match "<text>" [--province <code>] [--limit <n>]',
  '       congboc directory show <commune or province code>',
  '       congboc directory provinces',
].join('\n');

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

function match(args: readonly string[]): number {
  const words: string[] = [];
  let preferProvince: string | undefined;
  let limit: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--province') preferProvince = args[++i];
    else if (a === '--limit') limit = Number(args[++i]);
    else words.push(a);
  }
  if (words.length === 0) return fail('directory match: missing text');
  const province = preferProvince === undefined ? undefined : parseProvinceCode(preferProvince);
  if (preferProvince !== undefined && !province) return fail(`directory match: unknown province code "${preferProvince}"`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) return fail('directory match: --limit needs a positive integer');
  const result = matchPlace(words.join(' '), {
    ...(province ? { preferProvince: province } : {}),
    ...(limit ? { limit } : {}),
  });
  print(candidatesJson(result));
  return 0;
}

function show(code: string | undefined): number {
  if (!code) return fail('directory show: missing code');
  const commune = getCommune(code);
  if (commune) {
    print({ code: commune.code, name: commune.name, kind: commune.kind, province: commune.provinceName, province_code: commune.provinceCode });
    return 0;
  }
  const province = getProvince(code);
  if (province) {
    print({ code: province.code, name: province.name, kind: province.kind, communes: communesOfProvince(province.code).length });
    return 0;
  }
  process.stderr.write(`directory show: no commune or province with code "${code}"\n`);
  return 1;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'match':
      return match(rest);
    case 'show':
      return show(rest[0]);
    case 'provinces':
      print(listProvinces().map((p) => ({ code: p.code, name: p.name, kind: p.kind, communes: communesOfProvince(p.code).length })));
      return 0;
    default:
      return fail(sub ? `directory: unknown subcommand "${sub}"` : 'directory: missing subcommand');
  }
}
