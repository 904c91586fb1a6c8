import { useCallback, useEffect, useRef, useState } from 'react'

/** How close to the end counts as "at the bottom" (rounding, a last line half in view). */
const BOTTOM_SLACK_PX = 32

const atBottom = (el: HTMLElement): boolean => el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX

/**
 * Keeps a scroll container at its end while its content grows (a streaming answer), until the user scrolls up;
 * scrolling back to the end, or `follow()`, makes it follow again.
 */
export function useAutoScroll<T extends HTMLElement>(): { ref: React.RefObject<T | null>; following: boolean; follow(): void; onScroll(): void } {
  const ref = useRef<T>(null)
  const followingRef = useRef(true)
  const [following, setFollowing] = useState(true)
  const setTo = useCallback((value: boolean) => {
    followingRef.current = value
    setFollowing(value)
  }, [])
  const toEnd = useCallback(() => {
    const el = ref.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])

  useEffect(() => {
    const el = ref.current
    if (!el) return
    // content changes do not fire scroll events, so growth is watched directly
    const observer = new MutationObserver(() => followingRef.current && toEnd())
    observer.observe(el, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [toEnd])

  const onScroll = useCallback(() => {
    const el = ref.current
    if (el && atBottom(el) !== followingRef.current) setTo(atBottom(el))
  }, [setTo])
  const follow = useCallback(() => {
    setTo(true)
    toEnd()
  }, [setTo, toEnd])
  return { ref, following, follow, onScroll }
}
