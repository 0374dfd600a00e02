import { lazy, Suspense, useState } from 'react';
import { Button } from '../../../ui/button';

const ConnectDialog = lazy(() => import('./connect-dialog').then((m) => ({ default: m.ConnectDialog })));

/** "Connect S3…" outside the header (e.g. where a page explains that code needs a shared store). */
export function ConnectS3Button() {
  const [open, setOpen] = useState(false);
  // Mounted once opened, so closing keeps what was typed.
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        Connect S3 storage…
      </Button>
      <Suspense fallback={null}>{opened && <ConnectDialog open={open} onClose={() => setOpen(false)} />}</Suspense>
    </>
  );
}
