// Which Chromium the e2e tests use: $CHROMIUM_PATH, else Debian's /usr/bin/chromium; undefined
// means Playwright's own browser (`npx playwright install chromium`). Shared by
// playwright.config.ts and scripts/test.mjs.
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((p) => Boolean(p) && existsSync(p));
}
