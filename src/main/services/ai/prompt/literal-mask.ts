const STRING_LITERAL = /'(?:[^']|'')*'/g
const PLACEHOLDER = /'\?(\d+)'/g

/**
 * Hides the string literals of a query and its plan from the model ('ada@example.com' → '?1'; the same literal always
 * gets the same placeholder, in the query and in the plan's conditions) and puts them back into the SQL the model
 * answers with, so a rewrite can be planned with the values the query ran with. Disabled, it changes nothing.
 */
export class LiteralMask {
  private readonly placeholders = new Map<string, string>()
  private readonly literals = new Map<string, string>()

  constructor(readonly enabled: boolean) {}

  mask(text: string): string {
    if (!this.enabled) return text
    return text.replace(STRING_LITERAL, (literal) => {
      let placeholder = this.placeholders.get(literal)
      if (!placeholder) {
        placeholder = `'?${this.placeholders.size + 1}'`
        this.placeholders.set(literal, placeholder)
        this.literals.set(placeholder, literal)
      }
      return placeholder
    })
  }

  unmask(sql: string): string {
    if (!this.enabled) return sql
    return sql.replace(PLACEHOLDER, (placeholder) => this.literals.get(placeholder) ?? placeholder)
  }
}
