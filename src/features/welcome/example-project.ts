import type { JsonObject } from '../../domain/types';
import type { Customer } from './example-data';
import { barChartPng, generateCustomers, histogram, modelWeights, shuffle, toCsv } from './example-data';

/**
 * The "Load example project" content, generated in pure TypeScript: the same bytes in the
 * browser and in Node (the e2e test regenerates them to check the digests the app shows).
 */
export const EXAMPLE_PROJECT = 'example';

export type ExampleFile = { readonly path: string; readonly bytes: Uint8Array<ArrayBuffer> };

export type ExampleVersion = {
  /** Local key, e.g. "classifier@1", that run inputs refer to. */
  readonly key: string;
  readonly artifactName: string;
  readonly type: string;
  readonly description: string;
  readonly metadata: JsonObject;
  readonly tags: readonly string[];
  readonly aliases: readonly string[];
  readonly files: readonly ExampleFile[];
};

export type ExampleRun = {
  readonly name: string;
  readonly jobType: string;
  readonly config: JsonObject;
  /** Keys of the versions it used. */
  readonly inputs: readonly string[];
  readonly startedHoursAgo: number;
  readonly durationMinutes: number;
};

/** In commit order: a run (or none) and the versions it logged. */
export type ExampleStep = { readonly run: ExampleRun | null; readonly outputs: readonly ExampleVersion[] };

const text = (value: string) => new TextEncoder().encode(value);
const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);
const ROWS = 3000;
const HIDDEN = 128;
const PARAMS = 7 * HIDDEN + HIDDEN + HIDDEN * 2 + 2;

export function buildExampleProject(): ExampleStep[] {
  const raw = generateCustomers(ROWS, 20240611);
  const clean = raw.filter((row) => row.monthlySpend !== null);
  const shuffled = shuffle(clean, 7);
  const nVal = Math.round(shuffled.length * 0.1);
  const split0 = { train: shuffled.slice(2 * nVal), val: shuffled.slice(0, nVal), test: shuffled.slice(nVal, 2 * nVal) };
  // v1: a label audit flipped every 37th training/validation label; the test split is untouched.
  const relabel = (rows: readonly Customer[]) =>
    rows.map((row, i) => (i % 37 === 5 ? { ...row, churned: row.churned === 1 ? (0 as const) : (1 as const) } : row));
  const split1 = { train: relabel(split0.train), val: relabel(split0.val), test: split0.test };

  const baseline = { lr: 0.001, epochs: 10, batch_size: 64 };
  const tuned = { lr: 0.0005, epochs: 20, batch_size: 128 };
  return [
    { run: null, outputs: [rawData(raw)] },
    {
      run: preprocessRun('preprocess', { drop_missing: true, label_audit: false }, 200),
      outputs: [tabular(0, split0)],
    },
    {
      run: trainRun('train-baseline', 'tabular-data@0', baseline, 180),
      outputs: [classifier(0, baseline, { accuracy: 0.842, loss: 0.371, f1: 0.781 })],
    },
    {
      run: preprocessRun('preprocess-label-audit', { drop_missing: true, label_audit: true }, 120),
      outputs: [tabular(1, split1)],
    },
    {
      run: trainRun('train-tuned', 'tabular-data@1', tuned, 96),
      outputs: [classifier(1, tuned, { accuracy: 0.871, loss: 0.318, f1: 0.822 })],
    },
    { run: evalRun(), outputs: [evalReport(split1.test)] },
  ];
}

function rawData(rows: readonly Customer[]): ExampleVersion {
  return {
    key: 'raw-data@0',
    artifactName: 'raw-data',
    type: 'dataset',
    description: 'Customer export from the billing system, as delivered (some values missing).',
    metadata: { source: 'billing-export', rows: rows.length, exported_at: '2024-06-11', columns: 8 },
    tags: ['churn', 'raw'],
    aliases: [],
    files: [
      { path: 'customers.csv', bytes: text(toCsv(rows)) },
      { path: 'SOURCE.md', bytes: text('# Billing export\n\nNightly export of active and cancelled customers.\n') },
    ],
  };
}

function preprocessRun(name: string, extra: JsonObject, hoursAgo: number): ExampleRun {
  const config = { seed: 7, split: [0.8, 0.1, 0.1], ...extra };
  return { name, jobType: 'data-prep', config, inputs: ['raw-data@0'], startedHoursAgo: hoursAgo, durationMinutes: 4 };
}

type Splits = { train: readonly Customer[]; val: readonly Customer[]; test: readonly Customer[] };

function tabular(index: number, splits: Splits): ExampleVersion {
  const all = [...splits.train, ...splits.val, ...splits.test];
  const churned = all.filter((row) => row.churned === 1).length;
  const counts = { train: splits.train.length, val: splits.val.length, test: splits.test.length };
  const rows = Object.entries(counts).map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  const readme = [
    '# tabular-data',
    'Customer churn table, split 80/10/10 with seed 7.',
    `| split | rows |\n|---|---|\n${rows}`,
    `Label: \`churned\` (${churned} of ${all.length}).`,
    ...(index === 1 ? ['v1: labels corrected after the label audit (every 37th train/val row).'] : []),
  ].join('\n\n');
  return {
    key: `tabular-data@${index}`,
    artifactName: 'tabular-data',
    type: 'dataset',
    description: index === 0 ? 'Cleaned churn table split into train/val/test.' : 'Same splits with audited labels.',
    metadata: { rows: counts, columns: 8, label: 'churned', churn_rate: Math.round((churned / all.length) * 1000) / 1000 },
    tags: ['churn'],
    aliases: index === 0 ? ['baseline'] : [],
    files: [
      { path: 'README.md', bytes: text(`${readme}\n`) },
      { path: 'images/age-histogram.png', bytes: barChartPng(histogram(all.map((r) => r.age), 12, 18, 80)) },
      { path: 'images/label-balance.png', bytes: barChartPng([all.length - churned, churned], 96, 96) },
      { path: 'images/spend-histogram.png', bytes: barChartPng(histogram(all.map((r) => r.monthlySpend ?? 0), 16, 0, 130)) },
      { path: 'test.csv', bytes: text(toCsv(splits.test)) },
      { path: 'train.csv', bytes: text(toCsv(splits.train)) },
      { path: 'val.csv', bytes: text(toCsv(splits.val)) },
    ],
  };
}

type TrainConfig = { lr: number; epochs: number; batch_size: number };
type Metrics = { accuracy: number; loss: number; f1: number };

function trainRun(name: string, input: string, train: TrainConfig, hoursAgo: number): ExampleRun {
  const config = { ...train, optimizer: 'adam', hidden_units: HIDDEN };
  return { name, jobType: 'train', config, inputs: [input], startedHoursAgo: hoursAgo, durationMinutes: train.epochs * 2 };
}

function classifier(index: number, train: TrainConfig, metrics: Metrics): ExampleVersion {
  const config = { ...train, optimizer: 'adam', hidden_units: HIDDEN, features: 7 };
  return {
    key: `classifier@${index}`,
    artifactName: 'classifier',
    type: 'model',
    description:
      index === 0 ? 'Baseline MLP churn classifier.' : 'MLP trained on the audited labels with a lower learning rate.',
    metadata: { ...metrics, framework: 'numpy-mlp', parameters: PARAMS, trained_on: `tabular-data:v${index}` },
    tags: index === 0 ? ['mlp'] : ['mlp', 'tuned'],
    aliases: index === 0 ? ['production'] : ['candidate'],
    files: [
      { path: 'config.json', bytes: json(config) },
      { path: 'metrics.json', bytes: json({ ...metrics, epochs: train.epochs }) },
      { path: 'model.bin', bytes: modelWeights(PARAMS, 1000 + index, 0.5 / (index + 1)) },
    ],
  };
}

function evalRun(): ExampleRun {
  const config = { split: 'test', threshold: 0.5 };
  const inputs = ['classifier@1', 'tabular-data@1'];
  return { name: 'evaluate', jobType: 'eval', config, inputs, startedHoursAgo: 30, durationMinutes: 2 };
}

function evalReport(test: readonly Customer[]): ExampleVersion {
  const predicted = test.map((row, i) => (i % 9 === 4 ? 1 - row.churned : row.churned)); // ~89 % right
  const m = { tp: 0, fp: 0, tn: 0, fn: 0 };
  test.forEach((row, i) => {
    const p = predicted[i] === 1;
    if (p && row.churned === 1) m.tp++;
    else if (p) m.fp++;
    else if (row.churned === 1) m.fn++;
    else m.tn++;
  });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const precision = m.tp / Math.max(1, m.tp + m.fp);
  const recall = m.tp / Math.max(1, m.tp + m.fn);
  const metrics = {
    accuracy: round((m.tp + m.tn) / test.length),
    precision: round(precision),
    recall: round(recall),
    f1: round((2 * precision * recall) / Math.max(1e-9, precision + recall)),
  };
  const table = Object.entries(metrics).map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  const confusion = `,predicted_0,predicted_1\nactual_0,${m.tn},${m.fp}\nactual_1,${m.fn},${m.tp}\n`;
  const lines = test.map((row, i) => `${row.id},${row.churned},${predicted[i]}`);
  const predictions = `customer_id,churned,predicted\n${lines.join('\n')}\n`;
  return {
    key: 'eval-report@0',
    artifactName: 'eval-report',
    type: 'evaluation',
    description: 'classifier:v1 on the test split of tabular-data:v1.',
    metadata: { ...metrics, rows: test.length, model: 'classifier:v1', dataset: 'tabular-data:v1' },
    tags: [],
    aliases: [],
    files: [
      { path: 'confusion_matrix.csv', bytes: text(confusion) },
      { path: 'metrics.json', bytes: json(metrics) },
      { path: 'predictions.csv', bytes: text(predictions) },
      { path: 'report.md', bytes: text(`# Evaluation of classifier:v1\n\n| metric | value |\n|---|---|\n${table}\n`) },
    ],
  };
}
