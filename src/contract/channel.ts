/** The single IPC channel the preload forwards calls on. */
export const CALL_CHANNEL = 'workbench:call';
