import { createElement, Fragment, useMemo, type ReactNode } from 'react'
import { parseMarkdown, safeHref, type Token } from './markdown'

/** Draws a code block; undefined draws it as plain preformatted text. */
export type RenderCode = (token: Token) => ReactNode | undefined

/** The tags an answer may produce; anything else (there should be nothing else) keeps only its text. */
const ALLOWED_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 's'])
const ALIGNMENTS = new Set(['left', 'right', 'center'])

/**
 * Markdown drawn as React elements from markdown-it's tokens, never as HTML: text is always a text node, the
 * only attributes set are a checked https link, a table cell's alignment and a list's start number.
 */
export function MarkdownView({ tokens, renderCode }: { tokens: Token[]; renderCode?: RenderCode }): React.JSX.Element {
  return <div className="md">{toReact(tokens, renderCode)}</div>
}

export function Markdown({ text, renderCode }: { text: string; renderCode?: RenderCode }): React.JSX.Element {
  const tokens = useMemo(() => parseMarkdown(text), [text])
  return <MarkdownView tokens={tokens} renderCode={renderCode} />
}

function toReact(tokens: Token[], renderCode: RenderCode | undefined): ReactNode[] {
  const root: ReactNode[] = []
  const open: { token: Token; key: number; children: ReactNode[] }[] = []
  const into = (): ReactNode[] => open.at(-1)?.children ?? root
  tokens.forEach((token, key) => {
    if (token.nesting === 1) open.push({ token, key, children: [] })
    else if (token.nesting === -1) {
      const frame = open.pop()
      if (frame) into().push(element(frame.token, frame.key, frame.children))
    } else into().push(leaf(token, key, renderCode))
  })
  // markdown-it closes what it opens; this only guards against a token stream that does not
  while (open.length) {
    const frame = open.pop()!
    into().push(element(frame.token, frame.key, frame.children))
  }
  return root
}

const attr = (token: Token, name: string): string => String(token.attrGet(name) ?? '')

function element(token: Token, key: number, children: ReactNode[]): ReactNode {
  if (token.type === 'link_open') return link(token, key, children)
  // tight lists hide their paragraphs
  if (token.hidden || !ALLOWED_TAGS.has(token.tag)) return <Fragment key={key}>{children}</Fragment>
  const props: Record<string, unknown> = { key }
  const align = /^text-align:(\w+)$/.exec(attr(token, 'style'))?.[1]
  if (align && ALIGNMENTS.has(align)) props.style = { textAlign: align }
  const start = token.tag === 'ol' && token.attrGet('start') !== null ? Number(token.attrGet('start')) : NaN
  if (Number.isInteger(start)) props.start = start
  return createElement(token.tag, props, ...children)
}

function link(token: Token, key: number, children: ReactNode[]): ReactNode {
  const raw = attr(token, 'href')
  const href = safeHref(raw)
  if (!href)
    return (
      <span key={key} className="md-link-text" title={raw}>
        {children}
      </span>
    )
  return (
    <a key={key} href={href} title={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}

function leaf(token: Token, key: number, renderCode: RenderCode | undefined): ReactNode {
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{toReact(token.children ?? [], renderCode)}</Fragment>
    case 'text':
      return token.content
    case 'code_inline':
      return <code key={key}>{token.content}</code>
    case 'softbreak':
      return '\n'
    case 'hardbreak':
      return <br key={key} />
    case 'hr':
      return <hr key={key} />
    case 'image':
      // never loaded: an answer must not fetch anything (offline, and no tracking pixels)
      return (
        <span key={key} className="md-image" title={attr(token, 'src')}>
          [image{token.content ? `: ${token.content}` : ''}]
        </span>
      )
    case 'fence':
    case 'code_block':
      return <Fragment key={key}>{renderCode?.(token) ?? <pre className="md-code">{token.content.replace(/\n$/, '')}</pre>}</Fragment>
    default:
      // html_block / html_inline cannot occur with html: false; whatever else comes is shown as its text
      return token.content
  }
}
