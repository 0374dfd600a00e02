import { useState } from 'react';
import { confirmationMatches } from '../../../domain/aliases';
import type { ArtifactVersion } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { TypedConfirmation } from './typed-confirmation';
import { VersionComparison } from './version-comparison';

type MoveAliasDialogProps = {
  alias: string;
  from: ArtifactVersion;
  to: ArtifactVersion;
  isProtected: boolean;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** "Move production from v3 to v5?" with a compact comparison; protected aliases need their name typed. */
export function MoveAliasDialog({ alias, from, to, isProtected, pending, onConfirm, onClose }: MoveAliasDialogProps) {
  const [typed, setTyped] = useState('');
  const confirmed = !isProtected || confirmationMatches(typed, alias);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Move ${alias} from v${from.index} to v${to.index}?`}
      description={`Whatever resolves ${from.artifactName}:${alias} will get v${to.index} instead of v${from.index}.`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!confirmed} loading={pending} onClick={onConfirm} data-autofocus={isProtected ? undefined : true}>
            Move {alias}
          </Button>
        </>
      }
    >
      <VersionComparison before={from} after={to} />
      {isProtected && <TypedConfirmation alias={alias} value={typed} onChange={setTyped} onConfirm={onConfirm} canConfirm={!pending} />}
    </Dialog>
  );
}
