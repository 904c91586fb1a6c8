import { useMemo } from 'react'
import { parseMarkdown, type Token } from './markdown'
import { MarkdownView, type RenderCode } from './Markdown'
import { isSameSql, sqlBlockTexts } from './sql-fences'
import { SqlBlock } from './SqlBlock'
import type { ChatTurn } from './ai-store'

/**
 * An answer drawn as Markdown, progressively while it streams. Once it is complete every SQL block gets its
 * check and actions.
 */
export function AnswerView({ turn, connectionId }: { turn: Pick<ChatTurn, 'answer' | 'sql' | 'done'>; connectionId?: string }): React.JSX.Element {
  const { answer, sql, done } = turn
  const tokens = useMemo(() => parseMarkdown(answer), [answer])
  const blocks = useMemo(() => sqlBlockTexts(tokens, sql), [tokens, sql])
  const renderCode: RenderCode = (token: Token) => {
    const text = blocks.get(token)
    return done && text !== undefined ? <SqlBlock sql={text} connectionId={connectionId} /> : undefined
  }
  // an answer with no SQL block whose SQL the main process still found: the answer is bare SQL
  const bare = done && sql !== undefined && blocks.size === 0 ? sql : undefined
  return (
    <div className="ai-answer" data-testid="ai-answer">
      {bare === undefined || !isSameSql(answer, bare) ? <MarkdownView tokens={tokens} renderCode={renderCode} /> : null}
      {bare !== undefined && <SqlBlock sql={bare} connectionId={connectionId} />}
    </div>
  )
}
