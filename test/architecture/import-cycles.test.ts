import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Area → the other areas its files import (relative imports only: areas never use aliases). */
function areaGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const area of readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const deps = new Set<string>();
    const files = readdirSync(join(SRC, area.name), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const path = join(SRC, area.name, file);
      for (const m of readFileSync(path, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = relative(SRC, normalize(join(dirname(path), m[1]!))).split('/')[0]!;
        if (target !== area.name && !target.endsWith('.ts')) deps.add(target);
      }
    }
    graph.set(area.name, deps);
  }
  return graph;
}

describe('areas', () => {
  it('import one another without cycles (the pure calendar apart from the job scheduler)', () => {
    const graph = areaGraph();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const area of graph.keys()) visit(area, [area]);
    expect(cycles).toEqual([]);
    expect(graph.get('deadlines')).not.toContain('letters');
    expect(graph.get('deadlines')).not.toContain('cases');
  });
});
