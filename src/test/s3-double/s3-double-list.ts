/** ListObjectsV2 of the S3 double: prefix, delimiter, start-after, max-keys and continuation tokens, in S3's key order. */
import { escapeXmlText } from '../../store/s3/s3-xml';
import type { StoredObject } from './s3-double-answers';
import { s3Error, xmlResponse } from './s3-double-answers';

const MAX_KEYS = 1000;

/** Where the next page starts: after `after`, and past every key under it when it was a common prefix. */
interface Resume {
  after: string;
  rolledUp: boolean;
}

function encodeToken(resume: Resume): string {
  return Buffer.from(JSON.stringify(resume), 'utf8').toString('base64url');
}

function decodeToken(token: string): Resume | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Resume>;
    return typeof parsed.after === 'string' && typeof parsed.rolledUp === 'boolean' ? { after: parsed.after, rolledUp: parsed.rolledUp } : null;
  } catch {
    return null;
  }
}

/** S3 lists keys in the binary order of their UTF-8 bytes (not JavaScript's UTF-16 order). */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function listObjectsV2(bucket: string, objects: ReadonlyMap<string, StoredObject>, query: URLSearchParams): Response {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? MAX_KEYS : Math.min(MAX_KEYS, Number(maxKeysText));
  if (!Number.isInteger(maxKeys) || maxKeys < 0) return s3Error(400, 'InvalidArgument', `max-keys must be a non-negative integer, not ${maxKeysText ?? ''}`);
  const token = query.get('continuation-token');
  let resume: Resume | null = null;
  if (token !== null) {
    resume = decodeToken(token);
    if (resume === null) return s3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect');
  } else if (query.has('start-after')) {
    resume = { after: query.get('start-after') ?? '', rolledUp: false };
  }

  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let last: Resume | null = null;
  let truncated = false;
  for (const key of [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(byUtf8)) {
    if (resume && (byUtf8(key, resume.after) <= 0 || (resume.rolledUp && key.startsWith(resume.after)))) continue;
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const rolledUpTo = cut === -1 ? null : key.slice(0, cut + delimiter.length);
    if (rolledUpTo !== null && last?.rolledUp && last.after === rolledUpTo) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (rolledUpTo !== null) commonPrefixes.push(rolledUpTo);
    else contents.push(key);
    last = { after: rolledUpTo ?? key, rolledUp: rolledUpTo !== null };
  }

  const entries = contents.map((key) => {
    const object = objects.get(key);
    if (!object) return '';
    return `<Contents><Key>${escapeXmlText(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>"${object.etag}"</ETag><Size>${object.bytes.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
  });
  const prefixes = commonPrefixes.map((p) => `<CommonPrefixes><Prefix>${escapeXmlText(p)}</Prefix></CommonPrefixes>`);
  return xmlResponse(
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Name>${escapeXmlText(bucket)}</Name><Prefix>${escapeXmlText(prefix)}</Prefix>` +
      (delimiter === '' ? '' : `<Delimiter>${escapeXmlText(delimiter)}</Delimiter>`) +
      `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + commonPrefixes.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
      (token === null ? '' : `<ContinuationToken>${escapeXmlText(token)}</ContinuationToken>`) +
      (truncated && last ? `<NextContinuationToken>${encodeToken(last)}</NextContinuationToken>` : '') +
      entries.join('') +
      prefixes.join('') +
      '</ListBucketResult>',
  );
}
