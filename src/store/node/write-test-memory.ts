/**
 * Remembers, for a few minutes, that an S3 bucket passed the write test (conditional writes
 * honoured), one small file per endpoint, bucket, prefix and access key under the CLI's home:
 * commands run back to back then open the store with one listing and no test writes. Only a
 * pass is kept, so a bucket that opened read-only is tested again every time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EtagStyle } from '../s3/s3-client';
import type { S3Config } from '../s3/s3-config';
import type { S3WriteTestMemory } from '../s3/s3-probe';

/** How long a passed write test is trusted: permissions or the server may change. */
export const WRITE_TEST_LIFETIME_MS = 5 * 60 * 1000;

export function writeTestMemoryFile(home: string, config: S3Config): string {
  const identity = [config.endpoint, config.bucket, config.prefix, config.accessKeyId].join('\n');
  return join(home, 'write-tests', `${createHash('sha1').update(identity).digest('hex')}.json`);
}

export function fileWriteTestMemory(file: string, now: () => number = Date.now): S3WriteTestMemory {
  return {
    recall() {
      try {
        const { style, at } = JSON.parse(readFileSync(file, 'utf8')) as { style?: unknown; at?: unknown };
        const fresh = typeof at === 'number' && at <= now() && now() - at < WRITE_TEST_LIFETIME_MS;
        return fresh && (style === 'quoted' || style === 'unquoted') ? style : null;
      } catch {
        return null; // none yet, or unreadable: test again
      }
    },
    remember(style: EtagStyle) {
      try {
        mkdirSync(join(file, '..'), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify({ style, at: now() }));
        renameSync(temporary, file);
      } catch {
        // an unwritable home only costs the next command a write test
      }
    },
  };
}
