/** What the S3 double's parts share: a stored object, S3's error and XML answers, md5 in hex. */
import { createHash } from 'node:crypto';
import { escapeXmlText } from '../../store/s3/s3-xml';

export interface StoredObject {
  bytes: Uint8Array;
  /** md5 hex (or `<md5 of part md5s>-<parts>` after a multipart upload), without quotes. */
  etag: string;
  contentType: string;
  /** `x-amz-meta-*` headers, names lower-case without the prefix. */
  meta: Record<string, string>;
  lastModified: Date;
}

/** An S3 error answer: status, S3 error code, message (the XML body S3 sends). */
export function s3Error(status: number, code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXmlText(message)}</Message></Error>`;
  return new Response(body, { status, headers: { 'content-type': 'application/xml' } });
}

export function xmlResponse(body: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>${body}`, { status: 200, headers: { 'content-type': 'application/xml' } });
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** S3's BadDigest answer when the request's Content-MD5 does not match its bytes, else null. */
export function contentMd5Refusal(bytes: Uint8Array, headers: Headers): Response | null {
  const contentMd5 = headers.get('content-md5');
  if (contentMd5 === null || createHash('md5').update(bytes).digest('base64') === contentMd5) return null;
  return s3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
}
