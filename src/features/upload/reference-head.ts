import type { ReferenceHead } from '../../domain/draft-references';
import { isHttpUri } from '../../domain/draft-references';

const HEAD_TIMEOUT_MS = 10_000;

/**
 * Asks an http(s) server for a reference's ETag and size with a HEAD request (no bytes are
 * fetched). Null when the request fails or CORS hides the answer: the entry then records
 * its URI as its digest. Other schemes (s3://, gs://) are not asked: the browser cannot.
 */
export async function headReference(uri: string, fetchImpl: typeof fetch = fetch): Promise<ReferenceHead | null> {
  if (!isHttpUri(uri)) return null;
  try {
    const response = await fetchImpl(uri, { method: 'HEAD', mode: 'cors', signal: AbortSignal.timeout(HEAD_TIMEOUT_MS) });
    if (!response.ok) return null;
    const length = response.headers.get('Content-Length');
    const size = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    return { etag: response.headers.get('ETag'), size };
  } catch {
    return null;
  }
}
