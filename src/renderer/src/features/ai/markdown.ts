import MarkdownIt, { type Token } from 'markdown-it'

export type { Token }

/**
 * The parser of assistant answers. `html: false` makes raw HTML plain text; linkify is off so a URL in the
 * text stays text; markdown-it's own link check already drops javascript:, vbscript: and data: links.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

export function parseMarkdown(text: string): Token[] {
  return md.parse(text, {})
}

/** The only links an answer may carry: https ones, which the desktop shell opens in the system browser. */
export function safeHref(href: string | null | undefined): string | undefined {
  if (!href) return undefined
  try {
    const url = new URL(href)
    return url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}
