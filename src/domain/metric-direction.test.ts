import { describe, expect, it } from 'vitest';
import { changeTone, metricDirection } from './metric-direction';

describe('metric direction', () => {
  it('reads losses, errors, distances and times as better lower, in any case style', () => {
    for (const key of ['loss', 'val_loss', 'train.loss', 'valLoss', 'error_rate', 'top1-error', 'mse', 'RMSE', 'latency_ms', 'eval.wer', 'perplexity', 'epochTime']) {
      expect(metricDirection(key)).toBe('lower');
    }
  });

  it('reads everything else as better higher, without matching inside words', () => {
    for (const key of ['accuracy', 'f1', 'auc', 'precision', 'recall', 'epochs', 'timestamp_count', 'glossary_size', 'terror', 'msec_total']) {
      expect(metricDirection(key)).toBe('higher');
    }
  });

  it('calls a lower loss and a higher accuracy better, the reverse worse, no change same', () => {
    expect(changeTone('loss', -0.053)).toBe('better');
    expect(changeTone('loss', 0.01)).toBe('worse');
    expect(changeTone('accuracy', 0.029)).toBe('better');
    expect(changeTone('accuracy', -0.1)).toBe('worse');
    expect(changeTone('loss', 0)).toBe('same');
  });
});
