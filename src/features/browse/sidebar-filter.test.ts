import { describe, expect, it } from 'vitest';
import { makeArtifact, makeRun, makeVersion } from '../../test/builders';
import { filterSidebar, paletteItems, searchPalette } from './sidebar-filter';

const hrefs = {
  artifact: (p: string, a: string) => `/p/${p}/a/${a}`,
  version: (p: string, a: string, r: string) => `/p/${p}/a/${a}/v/${r}`,
  run: (p: string, r: string) => `/p/${p}/runs/${r}`,
};

describe('filterSidebar', () => {
  const artifacts = [
    makeArtifact({ name: 'classifier', type: 'model' }),
    makeArtifact({ name: 'tabular-data', type: 'dataset' }),
    makeArtifact({ name: 'raw-data', type: 'dataset' }),
  ];
  const [classifier, tabular] = artifacts;
  const versions = [
    makeVersion({ artifactId: classifier?.id, artifactName: 'classifier', index: 0, aliases: ['production'], tags: [] }),
    makeVersion({ artifactId: classifier?.id, artifactName: 'classifier', index: 1, aliases: ['latest', 'candidate'], tags: [] }),
    makeVersion({ artifactId: tabular?.id, artifactName: 'tabular-data', index: 0, aliases: [], tags: ['churn'] }),
  ];

  it('keeps everything for an empty query', () => {
    expect(filterSidebar(artifacts, versions, '  ').artifacts).toHaveLength(3);
  });

  it('matches names and types case-insensitively', () => {
    expect(filterSidebar(artifacts, versions, 'DATA').artifacts.map((a) => a.name)).toEqual(['tabular-data', 'raw-data']);
    expect(filterSidebar(artifacts, versions, 'model').artifacts.map((a) => a.name)).toEqual(['classifier']);
  });

  it('matches aliases and tags and names the versions that did', () => {
    const byAlias = filterSidebar(artifacts, versions, 'prod');
    expect(byAlias.artifacts.map((a) => a.name)).toEqual(['classifier']);
    expect(byAlias.versions.get(classifier?.id ?? '')).toEqual(['v0']);
    const byTag = filterSidebar(artifacts, versions, 'churn');
    expect(byTag.artifacts.map((a) => a.name)).toEqual(['tabular-data']);
  });

  it('matches only names until the versions are loaded', () => {
    expect(filterSidebar(artifacts, undefined, 'prod').artifacts).toEqual([]);
  });
});

describe('command palette search', () => {
  const artifact = makeArtifact({ project: 'example', name: 'classifier', type: 'model' });
  const items = paletteItems(
    [artifact],
    [makeVersion({ project: 'example', artifactId: artifact.id, artifactName: 'classifier', index: 1, aliases: ['candidate'], tags: ['tuned'] })],
    [makeRun({ project: 'example', name: 'train-classifier', jobType: 'train' })],
    hrefs,
  );

  it('finds artifacts, versions (by alias or tag) and runs, with their links', () => {
    expect(searchPalette(items, 'classifier').map((i) => i.href)).toEqual([
      '/p/example/a/classifier',
      '/p/example/a/classifier/v/v1',
      expect.stringMatching(/^\/p\/example\/runs\//),
    ]);
    expect(searchPalette(items, 'candidate').map((i) => i.label)).toEqual(['classifier:v1']);
    expect(searchPalette(items, '#tuned').map((i) => i.label)).toEqual(['classifier:v1']);
  });

  it('matches every word in any order', () => {
    expect(searchPalette(items, 'v1 class').map((i) => i.label)).toEqual(['classifier:v1']);
    expect(searchPalette(items, 'nothing here')).toEqual([]);
  });
});
