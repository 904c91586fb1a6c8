/** A client-chosen ai.ask request id, so a view can listen for its events before the first token. */
export const newRequestId = (): string => `a_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
