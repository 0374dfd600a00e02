/**
 * Zod (S3 records) probes `Function('')` when a schema is built, to compile faster validators.
 * Our Content-Security-Policy forbids eval, so the probe would only report a CSP violation.
 * Imported first by main.tsx: schemas are built while modules load, so this must run before.
 */
import { config } from 'zod';

config({ jitless: true });
