import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { normaliseS3Config, s3StoreId } from './s3-config';
import { digestToHex, hexToDigest, indexShardOf, nameOfPrefix, s3Layout, versionIndexOfKey } from './s3-layout';

describe('S3 key layout', () => {
  it('addresses blobs by the hex of their base64 md5, both ways', () => {
    expect(digestToHex('XUFAKrxLKna5cZ2REBfFkg==')).toBe('5d41402abc4b2a76b9719d911017c592'); // md5("hello")
    expect(hexToDigest('5d41402abc4b2a76b9719d911017c592')).toBe('XUFAKrxLKna5cZ2REBfFkg==');
    expect(hexToDigest('1B2M2Y8AsgTpgAmY7PhCfg==')).toBeNull();
    for (const bad of ['abc', 'tenBrQcbPn/Hec+qXlI4G==', 'XUFAKrxLKna5cZ2REBfFkg=']) {
      expect(() => digestToHex(bad)).toThrow(AppError);
    }
  });

  it('keeps the layout of shared/s3/README.md under the prefix, and escapes dot-only names', () => {
    const layout = s3Layout('team/');
    expect(layout.blob('1B2M2Y8AsgTpgAmY7PhCfg==')).toBe('team/blobs/md5/d41d8cd98f00b204e9800998ecf8427e');
    expect(layout.manifest('a00c2239f036fb656c1dcbf9a32d89b4')).toBe('team/manifests/a00c2239f036fb656c1dcbf9a32d89b4.json');
    expect(layout.version('p', 'data', 12)).toBe('team/projects/p/artifacts/data/versions/v12.json');
    expect(layout.aliases('p', 'data')).toBe('team/projects/p/artifacts/data/aliases.json');
    expect(layout.run('p', 'r1')).toBe('team/projects/p/runs/r1.json');
    expect(layout.usedBy('p', 'data', 3, 'r1')).toBe('team/projects/p/lineage/data/v3/used-by/r1');
    expect(layout.indexShard('p', 'data', indexShardOf(250))).toBe('team/projects/p/artifacts/data/index/2.json');
    // "." and ".." are valid names, but URL parsers would resolve them as path segments.
    expect(layout.version('..', '.', 0)).toBe('team/projects/~../artifacts/~./versions/v0.json');
    expect(nameOfPrefix('team/projects/~../')).toBe('..');
    expect(nameOfPrefix('team/projects/~...x/')).toBe('~...x');
    expect(versionIndexOfKey('team/projects/p/artifacts/d/versions/v12.json')).toBe(12);
    expect(versionIndexOfKey('team/projects/p/artifacts/d/versions/v12.json.tmp')).toBeNull();
  });
});

describe('S3 settings', () => {
  it('normalises endpoint, prefix and region, and names the store by bucket and prefix', () => {
    const config = normaliseS3Config({
      endpoint: ' https://s3.eu-west-1.amazonaws.com/ ',
      region: '',
      bucket: ' my-bucket ',
      prefix: '/team/a/',
      accessKeyId: ' AK ',
      secretAccessKey: 'SK',
      sessionToken: '',
    });
    expect(config).toEqual({ endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'us-east-1', bucket: 'my-bucket', prefix: 'team/a/', accessKeyId: 'AK', secretAccessKey: 'SK' });
    expect(s3StoreId(config)).toBe('s3:https://s3.eu-west-1.amazonaws.com/my-bucket/team/a/');
    expect(normaliseS3Config({ ...config, prefix: '' }).prefix).toBe('');
  });

  it('refuses settings that cannot work, saying why', () => {
    const base = { endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'b-1', prefix: '', accessKeyId: 'a', secretAccessKey: 's' };
    expect(() => normaliseS3Config({ ...base, endpoint: 'localhost:7480' })).toThrow(/must start with http/);
    expect(() => normaliseS3Config({ ...base, endpoint: 'not a url' })).toThrow(/is not a URL/);
    expect(() => normaliseS3Config({ ...base, bucket: 'My_Bucket' })).toThrow(/3–63 lowercase/);
    expect(() => normaliseS3Config({ ...base, prefix: 'a/../b' })).toThrow(/"\.\."/);
    expect(() => normaliseS3Config({ ...base, secretAccessKey: ' ' })).toThrow(/secret access key are both required/);
  });
});
