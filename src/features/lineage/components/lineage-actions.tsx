import { createContext, useContext } from 'react';
import type { LineageNodeId } from '../../../domain/lineage';

/** What nodes can ask the view to do, without putting callbacks into node data. */
export type LineageActions = {
  expandCluster(clusterId: LineageNodeId): void;
  pullOut(memberId: LineageNodeId): void;
  /** Labels of nodes by id, for cluster search. */
  describe(id: LineageNodeId): string;
};

const noop: LineageActions = { expandCluster() {}, pullOut() {}, describe: (id) => id };

export const LineageActionsContext = createContext<LineageActions>(noop);

export function useLineageActions(): LineageActions {
  return useContext(LineageActionsContext);
}
