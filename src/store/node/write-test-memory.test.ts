import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { S3Config } from '../s3/s3-config';
import { fileWriteTestMemory, WRITE_TEST_LIFETIME_MS, writeTestMemoryFile } from './write-test-memory';

const config: S3Config = { endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'b', prefix: 'team/', accessKeyId: 'AK', secretAccessKey: 'secret' };
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('write-test memory', () => {
  it('recalls a passed write test within its lifetime only, per bucket, prefix and access key', async () => {
    const home = await mkdtemp(join(tmpdir(), 'as-wtm-'));
    dirs.push(home);
    let now = 1_000_000;
    const memory = fileWriteTestMemory(writeTestMemoryFile(home, config), () => now);
    expect(memory.recall()).toBeNull();
    memory.remember('unquoted');
    expect(memory.recall()).toBe('unquoted');
    expect(fileWriteTestMemory(writeTestMemoryFile(home, { ...config, prefix: 'other/' })).recall()).toBeNull();
    expect(fileWriteTestMemory(writeTestMemoryFile(home, { ...config, accessKeyId: 'AK2' })).recall()).toBeNull();
    now += WRITE_TEST_LIFETIME_MS;
    expect(memory.recall()).toBeNull();
  });
});
