import { describe, expect, it } from 'vitest';
import { buildExampleProject } from './example-project';

const versions = () => buildExampleProject().flatMap((step) => step.outputs);

describe('buildExampleProject', () => {
  it('is deterministic: two builds give byte-identical files', () => {
    const a = versions();
    const b = versions();
    expect(b.map((v) => v.key)).toEqual(a.map((v) => v.key));
    a.forEach((version, i) => {
      expect(b[i]?.files.map((f) => [f.path, [...f.bytes]])).toEqual(version.files.map((f) => [f.path, [...f.bytes]]));
    });
  });

  it('logs every version a run uses before that run', () => {
    const logged = new Set<string>();
    for (const step of buildExampleProject()) {
      for (const input of step.run?.inputs ?? []) expect(logged, `${step.run?.name} uses ${input}`).toContain(input);
      step.outputs.forEach((output) => logged.add(output.key));
    }
    expect([...logged]).toEqual([
      'raw-data@0',
      'tabular-data@0',
      'classifier@0',
      'tabular-data@1',
      'classifier@1',
      'eval-report@0',
    ]);
  });

  it('splits a few thousand CSV rows into train/val/test with one header each', () => {
    const tabular = versions().find((v) => v.key === 'tabular-data@0');
    const rows = (path: string) => {
      const file = tabular?.files.find((f) => f.path === path);
      const lines = new TextDecoder().decode(file?.bytes).trimEnd().split('\n');
      expect(lines[0]).toBe('customer_id,age,region,plan,tenure_months,monthly_spend,support_tickets,churned');
      return lines.slice(1);
    };
    const [train, val, test] = [rows('train.csv'), rows('val.csv'), rows('test.csv')];
    expect(train.length + val.length + test.length).toBeGreaterThan(2500);
    expect(val.length).toBe(test.length);
    expect(train.length).toBeGreaterThan(7 * val.length);
    const ids = [...train, ...val, ...test].map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(tabular?.files.filter((f) => f.path.startsWith('images/') && f.path.endsWith('.png'))).toHaveLength(3);
  });

  it('changes some rows between tabular-data v0 and v1 and keeps the test split', () => {
    const [v0, v1] = ['tabular-data@0', 'tabular-data@1'].map((key) => versions().find((v) => v.key === key));
    const bytes = (v: typeof v0, path: string) => [...(v?.files.find((f) => f.path === path)?.bytes ?? [])];
    expect(bytes(v1, 'train.csv')).not.toEqual(bytes(v0, 'train.csv'));
    expect(bytes(v1, 'test.csv')).toEqual(bytes(v0, 'test.csv'));
  });

  it('gives the classifiers model.bin of a few kB, config and metrics, with metrics in metadata', () => {
    for (const key of ['classifier@0', 'classifier@1']) {
      const model = versions().find((v) => v.key === key);
      expect(model?.files.map((f) => f.path)).toEqual(['config.json', 'metrics.json', 'model.bin']);
      const bin = model?.files.find((f) => f.path === 'model.bin');
      expect(bin?.bytes.length).toBeGreaterThan(2000);
      expect(bin?.bytes.length).toBeLessThan(20_000);
      expect(Object.keys(model?.metadata ?? {})).toEqual(expect.arrayContaining(['accuracy', 'loss', 'f1']));
    }
  });
});
