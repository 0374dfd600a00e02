import { useState } from 'react';
import { confirmationMatches } from '../../../domain/aliases';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { TypedConfirmation } from './typed-confirmation';

type RemoveAliasDialogProps = { alias: string; index: number; pending: boolean; onConfirm: () => void; onClose: () => void };

/** Removing a protected alias asks for its name. */
export function RemoveAliasDialog({ alias, index, pending, onConfirm, onClose }: RemoveAliasDialogProps) {
  const [typed, setTyped] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Remove ${alias} from v${index}?`}
      description="Nothing will resolve this alias until it is set again."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" disabled={!confirmationMatches(typed, alias)} loading={pending} onClick={onConfirm}>
            Remove {alias}
          </Button>
        </>
      }
    >
      <TypedConfirmation alias={alias} value={typed} onChange={setTyped} onConfirm={onConfirm} canConfirm={!pending} />
    </Dialog>
  );
}
