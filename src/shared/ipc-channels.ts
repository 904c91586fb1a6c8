/** The two IPC channels: every call goes through one, every event through the other. */
export const IPC_CALL = 'qg:call'
export const IPC_EVENT = 'qg:event'
