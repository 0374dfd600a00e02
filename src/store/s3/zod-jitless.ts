/**
 * Zod (S3 records) probes `Function('')` when a schema is built, to compile faster validators.
 * Our Content-Security-Policy forbids eval, so the probe would only report a CSP violation.
 * Imported first by every module that builds schemas (they are built while modules load), so it
 * runs before them; zod and the S3 adapter load only when an S3 store is used.
 */
import { config } from 'zod';

config({ jitless: true });
