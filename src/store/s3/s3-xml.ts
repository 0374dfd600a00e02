/**
 * The few S3 XML documents the adapter reads (ListObjectsV2, errors, multipart), parsed without
 * DOMParser so the same code runs in the browser, in a worker and in Node. S3 writes these
 * documents flat and without CDATA, so element text plus entity decoding is all that is needed.
 */

export interface ListedObject {
  key: string;
  /** Without quotes. */
  etag: string;
  size: number;
  /** ms since the epoch. */
  lastModified: number;
}

export interface ListPage {
  objects: ListedObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char] ?? ''};`);
}

/** The raw inner XML of every `<tag>…</tag>` (not nested in itself), in document order. */
export function xmlElements(xml: string, tag: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>|<${tag}(?:\\s[^>]*)?/>`, 'g');
  for (const match of xml.matchAll(pattern)) out.push(match[1] ?? '');
  return out;
}

/** Decoded text of the first `<tag>`, or null when there is none. */
export function xmlText(xml: string, tag: string): string | null {
  const first = xmlElements(xml, tag)[0];
  return first === undefined ? null : decodeXmlText(first);
}

export function stripEtagQuotes(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"+|"+$/g, '');
}

export function parseListObjects(xml: string): ListPage {
  const objects = xmlElements(xml, 'Contents').map((block): ListedObject => {
    const modified = xmlText(block, 'LastModified');
    return {
      key: xmlText(block, 'Key') ?? '',
      etag: stripEtagQuotes(xmlText(block, 'ETag') ?? ''),
      size: Number(xmlText(block, 'Size') ?? '0'),
      lastModified: modified === null ? 0 : Date.parse(modified),
    };
  });
  const commonPrefixes = xmlElements(xml, 'CommonPrefixes').map((block) => xmlText(block, 'Prefix') ?? '');
  // Keys are entity-escaped inside <Key>, so a tag found anywhere in the document is a real one.
  const token = xmlText(xml, 'NextContinuationToken');
  return {
    objects,
    commonPrefixes,
    isTruncated: xmlText(xml, 'IsTruncated') === 'true',
    nextContinuationToken: token === '' ? null : token,
  };
}

export interface S3ErrorBody {
  code: string;
  message: string;
}

/** `<Error><Code>…</Code><Message>…</Message></Error>`; empty strings when the body is not one. */
export function parseS3Error(xml: string): S3ErrorBody {
  const error = xmlElements(xml, 'Error')[0] ?? '';
  return { code: xmlText(error, 'Code') ?? '', message: xmlText(error, 'Message') ?? '' };
}

export function parseUploadId(xml: string): string | null {
  return xmlText(xml, 'UploadId');
}

export function completeMultipartXml(parts: readonly { partNumber: number; etag: string }[]): string {
  const body = parts
    .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>"${escapeXmlText(stripEtagQuotes(p.etag))}"</ETag></Part>`)
    .join('');
  return `<CompleteMultipartUpload>${body}</CompleteMultipartUpload>`;
}
