/** Where a profiled server spent its time: self time per function from a V8 .cpuprofile file. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

function label(frame: ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const path = frame.url.replace(/^file:\/\//, '');
  const shown = path.includes('/node_modules/') ? path.slice(path.lastIndexOf('/node_modules/') + 14) : relative(process.cwd(), path);
  return `${name} ${shown}:${frame.lineNumber + 1}`;
}

/** The functions with the most self time, summed over every place they were sampled; shares are of the busy (not idle) time. */
export function topSelfTime(file: string, count: number): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const labels = new Map(profile.nodes.map((node) => [node.id, label(node.callFrame)]));
  const byLabel = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const name = labels.get(nodeId) ?? '?';
    if (name !== '(idle)') total += micros;
    byLabel.set(name, (byLabel.get(name) ?? 0) + micros);
  });
  return [...byLabel]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / total }));
}
