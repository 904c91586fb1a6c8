/** In the prompt preview: how many earlier turns of the conversation go along, and which tables the scope pins. */
export function PreviewContextNote(props: { history?: { included: number; summarised: number; dropped: number }; pinned?: string[] }): React.JSX.Element | null {
  const h = props.history
  const earlier = h ? h.included + h.summarised + h.dropped : 0
  if (!earlier && !props.pinned?.length) return null
  return (
    <p className="muted" data-testid="ai-preview-context">
      {earlier > 0 &&
        `Earlier turns of this conversation: ${h!.included} sent in full, ${h!.summarised} as one line each, ${h!.dropped} left out to fit the model's context.`}
      {earlier > 0 && !!props.pinned?.length && ' '}
      {!!props.pinned?.length && `Pinned tables: ${props.pinned.join(', ')}.`}
    </p>
  )
}
