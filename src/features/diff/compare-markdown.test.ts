import { describe, expect, it } from 'vitest';
import { diffManifests } from '../../domain/diff';
import { diffJson } from '../../domain/json-diff';
import type { ArtifactVersion, ManifestEntry } from '../../domain/types';
import { fakeDigest } from '../../test/builders';
import { compareMarkdown } from './compare-markdown';

const file = (path: string, content: string, size: number): ManifestEntry => ({ path, digest: fakeDigest(content), size });

function version(index: number, overrides: Partial<ArtifactVersion>): ArtifactVersion {
  return {
    id: `p/model:v${index}`,
    artifactId: 'p/model',
    project: 'p',
    artifactName: 'model',
    type: 'model',
    index,
    digest: `digest${index}`,
    size: 100,
    fileCount: 2,
    createdAt: 0,
    description: '',
    metadata: {},
    tags: [],
    aliases: [],
    producedBy: null,
    ttlSeconds: null,
    ...overrides,
  } as ArtifactVersion;
}

describe('compareMarkdown', () => {
  it('writes the summary, metadata deltas and changed files', () => {
    const a = version(0, { aliases: ['production'], tags: ['mlp'], metadata: { accuracy: 0.842, framework: 'np' } });
    const b = version(1, { aliases: ['latest', 'candidate'], tags: ['mlp', 'tuned'], metadata: { accuracy: 0.871, framework: 'np', new: 1 } });
    const diff = diffManifests([file('model.bin', 'w0', 1000), file('a|b', 'x', 1)], [file('model.bin', 'w1', 1500), file('a|b', 'x', 1), file('notes.md', 'n', 20)]);
    const md = compareMarkdown({ a, b, diff, metadata: diffJson(a.metadata, b.metadata), runs: { a: 'train-baseline', b: 'train-tuned' } });
    expect(md).toContain('# Compare `model:v0` → `model:v1`');
    expect(md).toContain('| Digest | `digest0` | `digest1` |');
    expect(md).toContain('| Produced by | train-baseline | train-tuned |');
    expect(md).toContain('**Files:** 1 added, 0 removed, 1 modified, 0 renamed, 1 unchanged');
    expect(md).toContain('**Aliases:** +latest, +candidate, −production · **Tags:** +tuned');
    expect(md).toContain('| `accuracy` | 0.842 | 0.871 | +0.029 |');
    expect(md).toContain('| `new` | — | 1 | added |');
    expect(md).toContain('| modified | `model.bin` | +500 B |');
    expect(md).toContain('| added | `notes.md` | +20 B |');
  });

  it('says when nothing differs and caps long file lists', () => {
    const a = version(0, {});
    const same = compareMarkdown({ a, b: a, diff: diffManifests([], []), metadata: diffJson({}, {}) });
    expect(same).toContain('No differences.');
    expect(same).toContain('No file changed.');
    const many = Array.from({ length: 5 }, (_, i) => file(`f${i}`, `c${i}`, 1));
    const capped = compareMarkdown({ a, b: a, diff: diffManifests([], many), metadata: diffJson({}, {}), maxFiles: 2 });
    expect(capped).toContain('…and 3 more changed files.');
  });
});
