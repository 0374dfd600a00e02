/**
 * The S3 connection settings of this tab. Credentials live in memory, or — only when the user
 * asks — in session storage (gone when the tab closes); never in local storage or the bundle.
 */
import type { S3Config } from '../../store/s3/s3-config';

const KEY = 'artifact-studio.s3-session';

export interface S3Session {
  config: S3Config;
  /** The S3 store was the active one when the tab saved it. */
  active: boolean;
}

function isConfig(value: unknown): value is S3Config {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['endpoint', 'region', 'bucket', 'prefix', 'accessKeyId', 'secretAccessKey'].every((k) => typeof v[k] === 'string');
}

export function loadS3Session(storage: Storage = sessionStorage): S3Session | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { config, active } = parsed as { config?: unknown; active?: unknown };
    return isConfig(config) ? { config, active: active === true } : null;
  } catch {
    return null;
  }
}

export function saveS3Session(session: S3Session, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearS3Session(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** The settings the form starts with: the last ones of this tab without the secret, else RGW/AWS-style defaults. */
export function initialS3Form(session: S3Session | null): S3Config {
  return {
    endpoint: session?.config.endpoint ?? '',
    region: session?.config.region ?? 'us-east-1',
    bucket: session?.config.bucket ?? '',
    prefix: session?.config.prefix ?? '',
    accessKeyId: session?.config.accessKeyId ?? '',
    secretAccessKey: '',
    sessionToken: '',
  };
}
