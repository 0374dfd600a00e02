/** Multipart uploads of the S3 double: create, upload part, complete (checked as S3 checks it), abort. */
import { createHash, randomUUID } from 'node:crypto';
import { decodeXmlText, escapeXmlText, stripEtagQuotes, xmlElements, xmlText } from '../../store/s3/s3-xml';
import type { StoredObject } from './s3-double-answers';
import { contentMd5Refusal, md5Hex, s3Error, xmlResponse } from './s3-double-answers';

/** S3's (and Ceph RGW's default) smallest part but the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

interface Upload {
  key: string;
  contentType: string;
  meta: Record<string, string>;
  parts: Map<number, { bytes: Uint8Array; etag: string }>;
}

export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();

  create(bucket: string, key: string, headers: Headers, meta: Record<string, string>): Response {
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { key, contentType: headers.get('content-type') ?? 'binary/octet-stream', meta, parts: new Map() });
    return xmlResponse(
      `<InitiateMultipartUploadResult><Bucket>${escapeXmlText(bucket)}</Bucket><Key>${escapeXmlText(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    );
  }

  uploadPart(key: string, uploadId: string, partNumberText: string | null, bytes: Uint8Array, headers: Headers): Response {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) return noSuchUpload(uploadId);
    const partNumber = Number(partNumberText);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      return s3Error(400, 'InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
    }
    const badDigest = contentMd5Refusal(bytes, headers);
    if (badDigest) return badDigest;
    const etag = md5Hex(bytes);
    upload.parts.set(partNumber, { bytes, etag });
    return new Response(null, { status: 200, headers: { etag: `"${etag}"` } });
  }

  /** The object the upload's listed parts make, or the error S3 answers. */
  complete(key: string, uploadId: string, xml: string): StoredObject | Response {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) return noSuchUpload(uploadId);
    const listed = xmlElements(xml, 'Part').map((part) => ({
      partNumber: Number(xmlText(part, 'PartNumber')),
      etag: stripEtagQuotes(decodeXmlText(xmlText(part, 'ETag') ?? '')),
    }));
    if (listed.length === 0) return s3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
    const chosen: Uint8Array[] = [];
    for (const [i, { partNumber, etag }] of listed.entries()) {
      if (i > 0 && partNumber <= (listed[i - 1]?.partNumber ?? 0)) {
        return s3Error(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.');
      }
      const part = upload.parts.get(partNumber);
      if (!part || part.etag !== etag) {
        return s3Error(400, 'InvalidPart', `One or more of the specified parts could not be found (part ${partNumber}).`);
      }
      if (i < listed.length - 1 && part.bytes.length < MIN_PART_SIZE) {
        return s3Error(400, 'EntityTooSmall', `Your proposed upload is smaller than the minimum allowed object size (part ${partNumber}).`);
      }
      chosen.push(part.bytes);
    }
    this.uploads.delete(uploadId);
    const bytes = new Uint8Array(chosen.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of chosen) {
      bytes.set(part, offset);
      offset += part.length;
    }
    // S3's multipart ETag: md5 of the parts' binary md5s, then "-" and the number of parts.
    const md5s = Buffer.concat(chosen.map((part) => createHash('md5').update(part).digest()));
    const etag = `${md5Hex(md5s)}-${chosen.length}`;
    return { bytes, etag, contentType: upload.contentType, meta: upload.meta, lastModified: new Date() };
  }

  abort(key: string, uploadId: string): Response {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) return noSuchUpload(uploadId);
    this.uploads.delete(uploadId);
    return new Response(null, { status: 204 });
  }
}

function noSuchUpload(uploadId: string): Response {
  return s3Error(404, 'NoSuchUpload', `The specified upload does not exist: ${uploadId}`);
}
