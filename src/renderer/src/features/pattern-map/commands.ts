import { useCallback, useMemo } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { laneLabel } from './labels.ts';
import { useMapStoreApi } from './store.ts';

const GONE: AppError = { code: 'not-found', message: 'That item is no longer on the map.' };

/** Calls that change the map, and what the screen does after them. */
export function useMapCommands() {
  const store = useMapStoreApi();

  const reload = useCallback(async () => {
    const result = await call('map.get', { caseId: store.getState().map.caseId });
    if (result.ok) store.getState().setMap(result.data);
    return result;
  }, [store]);

  /** Someone else changed or removed what was being edited: show the map as it now is. */
  const afterRefusal = useCallback(
    async (error: AppError) => {
      if (error.code === 'conflict' || error.code === 'not-found') await reload();
    },
    [reload],
  );

  const moveItem = useCallback(
    async (itemId: string, lane: string): Promise<Result<unknown>> => {
      const { map, say } = store.getState();
      const item = map.items.find((i) => i.id === itemId);
      if (!item) return { ok: false, error: GONE };
      const result = await call('map.moveItem', { itemId, expectedVersion: item.version, lane });
      if (!result.ok) {
        say({ kind: 'problem', text: result.error.message });
        await afterRefusal(result.error);
        return result;
      }
      await reload();
      say({ kind: 'success', text: `Moved to the lane “${laneLabel(map, lane)}”.` });
      return result;
    },
    [store, reload, afterRefusal],
  );

  return useMemo(() => ({ reload, afterRefusal, moveItem }), [reload, afterRefusal, moveItem]);
}
