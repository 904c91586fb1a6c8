/** One element of a machine-written XML document: name (prefix dropped), attributes and child elements. */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10))
    return ENTITIES[ref] ?? whole
  })
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1)

/**
 * Elements and attributes of a well-formed, machine-written document (SQL Server's showplan): text content, DTDs and
 * CDATA are skipped. Not a general XML parser: the app has none among its dependencies, and a plan needs no more.
 */
export function parseXmlElements(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>/g
  const attr = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
  for (const m of xml.matchAll(tag)) {
    const [, closing, name, attrText, selfClosing] = m
    if (name === undefined) continue
    if (closing) {
      if (stack.length > 1 && stack[stack.length - 1]!.name === localName(name)) stack.pop()
      continue
    }
    const attrs: Record<string, string> = {}
    for (const a of (attrText ?? '').matchAll(attr)) attrs[localName(a[1]!)] = decode(a[2] ?? a[3] ?? '')
    const element: XmlElement = { name: localName(name), attrs, children: [] }
    stack[stack.length - 1]!.children.push(element)
    if (!selfClosing) stack.push(element)
  }
  const top = root.children[0]
  if (!top) throw new Error('Not an XML document.')
  return top
}

/** The first descendant named `name` (depth first), not looking inside elements named `stopAt`. */
export function findFirst(element: XmlElement, name: string, stopAt?: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) return child
    if (child.name === stopAt) continue
    const found = findFirst(child, name, stopAt)
    if (found) return found
  }
  return undefined
}

/** Every descendant named `name` that has no element named `name` between it and `element`. */
export function findNearest(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => (child.name === name ? [child] : findNearest(child, name)))
}

/** Every descendant named `name`, not looking inside elements named `stopAt`. */
export function findAll(element: XmlElement, name: string, stopAt?: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...(child.name === stopAt ? [] : findAll(child, name, stopAt))])
}
