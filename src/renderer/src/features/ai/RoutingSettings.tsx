import type { AiProviderView } from '../../../../shared/contract'
import { AI_ROUTING_RULE, type AiRouting, type AiTaskClass } from '../../../../shared/contract/ai-routing'

const AUTO_LABEL: Record<AiTaskClass, string> = { simple: 'Auto (local, else cheapest)', complex: 'Auto (strongest)' }

/** Which provider answers simple and complex tasks, with the rule stated as the routing code follows it. */
export function RoutingSettings(props: { routing: AiRouting; providers: AiProviderView[]; onChange(routing: AiRouting): void }): React.JSX.Element {
  const { routing, providers, onChange } = props
  const enabled = providers.filter((p) => p.enabled)
  const picker = (taskClass: AiTaskClass) => (
    <label className="ai-routing-row">
      {taskClass === 'simple' ? 'Simple tasks' : 'Complex tasks'}{' '}
      <select value={routing[taskClass]} disabled={!routing.enabled} onChange={(e) => onChange({ ...routing, [taskClass]: e.target.value })} data-testid={`ai-routing-${taskClass}`}>
        <option value="auto">{AUTO_LABEL[taskClass]}</option>
        {enabled.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({p.model})
          </option>
        ))}
        {routing[taskClass] !== 'auto' && !enabled.some((p) => p.id === routing[taskClass]) && <option value={routing[taskClass]}>{routing[taskClass]} (not enabled: the chain order applies)</option>}
      </select>
      <span className="muted"> {AI_ROUTING_RULE[taskClass]}</span>
    </label>
  )
  return (
    <fieldset className="ai-routing" data-testid="ai-routing">
      <legend>Routing by task</legend>
      <label className="ai-check">
        <input type="checkbox" checked={routing.enabled} onChange={(e) => onChange({ ...routing, enabled: e.target.checked })} data-testid="ai-routing-enabled" /> Route each task to
        the provider that suits it (off: every task goes down the chain above in order)
      </label>
      {picker('simple')}
      {picker('complex')}
      <p className="muted">{AI_ROUTING_RULE.note}</p>
    </fieldset>
  )
}
