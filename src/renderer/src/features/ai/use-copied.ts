import { useEffect, useState } from 'react'

/** Copies text to the clipboard and says "copied" for a moment. */
export function useCopied(): [boolean, (text: string) => void] {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(timer)
  }, [copied])
  const copy = (text: string): void => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined
    )
  }
  return [copied, copy]
}
