import { describe, expect, it } from 'vitest'
import { blockingTree } from './blocking-tree'

const s = (pid: number, ...blockedBy: number[]) => ({ pid, blockedBy })

describe('blockingTree', () => {
  it('is empty when nobody waits', () => {
    expect(blockingTree([s(1), s(2)])).toEqual([])
  })

  it('puts the blocker first and its waiters under it, a chain deeper', () => {
    expect(blockingTree([s(10), s(20, 10), s(30, 20), s(40, 10)])).toEqual([
      { pid: 10, depth: 0, waitsFor: null },
      { pid: 20, depth: 1, waitsFor: 10 },
      { pid: 30, depth: 2, waitsFor: 20 },
      { pid: 40, depth: 1, waitsFor: 10 }
    ])
  })

  it('shows a waiter under each of its blockers, and a blocker that is not in the list (hidden) as a root', () => {
    expect(blockingTree([s(2, 1, 3), s(3)])).toEqual([
      { pid: 1, depth: 0, waitsFor: null },
      { pid: 2, depth: 1, waitsFor: 1 },
      { pid: 3, depth: 0, waitsFor: null },
      { pid: 2, depth: 1, waitsFor: 3 }
    ])
  })

  it('shows a cycle (a deadlock not yet broken) once, from its lowest pid, stopping where it comes round', () => {
    expect(blockingTree([s(7, 5), s(5, 7)])).toEqual([
      { pid: 5, depth: 0, waitsFor: null },
      { pid: 7, depth: 1, waitsFor: 5 },
      { pid: 5, depth: 2, waitsFor: 7 }
    ])
  })
})
