/**
 * Whether a metric improves by growing or by shrinking, read from its name: losses, errors,
 * distances and times are better lower (`loss`, `val_loss`, `error_rate`, `mse`, `latency_ms`),
 * everything else (accuracy, f1, auc, …) better higher. Used to colour a change as an
 * improvement or a regression, never to change a value.
 */
const LOWER_IS_BETTER = /(^|[^a-z])(loss|losses|err|error|errors|error_rate|mse|rmse|mae|mape|wer|cer|perplexity|ppl|latency|duration|time|seconds|ms|distance|fpr|fnr|bpb|bpc)($|[^a-z])/i;

export type MetricDirection = 'higher' | 'lower';

export function metricDirection(key: string): MetricDirection {
  // snake_case, kebab-case, dots and camelCase all split into words.
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return LOWER_IS_BETTER.test(words) ? 'lower' : 'higher';
}

/** 'better', 'worse' or 'same' for a numeric change of the metric named `key`. */
export function changeTone(key: string, delta: number): 'better' | 'worse' | 'same' {
  if (delta === 0) return 'same';
  const grew = delta > 0;
  return grew === (metricDirection(key) === 'higher') ? 'better' : 'worse';
}
