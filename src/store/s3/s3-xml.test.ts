import { describe, expect, it } from 'vitest';
import { completeMultipartXml, decodeXmlText, parseListObjects, parseS3Error, parseUploadId, stripEtagQuotes } from './s3-xml';

// As Ceph RGW 16 answers ListObjectsV2 (keys and ETags entity-escaped).
const LIST = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken><Contents><Key>p/a &amp; b&lt;c&gt;.json</Key><LastModified>2026-11-27T02:28:09.666Z</LastModified><ETag>&quot;8e683187a00e5d462a4aeee69e9d3d9c&quot;</ETag><Size>2</Size><StorageClass>STANDARD</StorageClass></Contents><Contents><Key>p/caf&#233;</Key><LastModified>2026-11-27T02:28:10.000Z</LastModified><ETag>&quot;abc-2&quot;</ETag><Size>10485760</Size></Contents><CommonPrefixes><Prefix>p/dir/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>p/x &amp; y/</Prefix></CommonPrefixes></ListBucketResult>`;

describe('S3 XML', () => {
  it('reads a ListObjectsV2 page: keys and prefixes decoded, ETags unquoted, continuation', () => {
    expect(parseListObjects(LIST)).toEqual({
      objects: [
        { key: 'p/a & b<c>.json', etag: '8e683187a00e5d462a4aeee69e9d3d9c', size: 2, lastModified: Date.parse('2026-11-27T02:28:09.666Z') },
        { key: 'p/café', etag: 'abc-2', size: 10485760, lastModified: Date.parse('2026-11-27T02:28:10.000Z') },
      ],
      commonPrefixes: ['p/dir/', 'p/x & y/'],
      isTruncated: true,
      nextContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    });
    expect(parseListObjects('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>')).toEqual({
      objects: [],
      commonPrefixes: [],
      isTruncated: false,
      nextContinuationToken: null,
    });
  });

  it('reads error codes and upload ids, and writes the completion document', () => {
    expect(parseS3Error('<?xml version="1.0"?><Error><Code>PreconditionFailed</Code><Message></Message><BucketName>b</BucketName></Error>')).toEqual({
      code: 'PreconditionFailed',
      message: '',
    });
    expect(parseS3Error('not xml')).toEqual({ code: '', message: '' });
    expect(parseUploadId('<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>2~abc&amp;d</UploadId></InitiateMultipartUploadResult>')).toBe('2~abc&d');
    expect(completeMultipartXml([{ partNumber: 1, etag: '"aa"' }, { partNumber: 2, etag: 'bb' }])).toBe(
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"aa"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>"bb"</ETag></Part></CompleteMultipartUpload>',
    );
  });

  it('decodes numeric and named entities and strips ETag quotes and weak markers', () => {
    expect(decodeXmlText('&#x1F600; &#65; &apos;&unknown;')).toBe("😀 A '&unknown;");
    expect(stripEtagQuotes('"abc"')).toBe('abc');
    expect(stripEtagQuotes('W/"abc"')).toBe('abc');
    expect(stripEtagQuotes('abc')).toBe('abc');
  });
});
