import { describe, expect, it } from 'vitest'
import type { PlanNode } from '../../../../shared/plan'
import { flameLayout } from './flame-layout'

const node = (id: string, timeMs: number | undefined, children: PlanNode[] = []): PlanNode => ({ id, operation: id, kind: 'other', timeMs, conditions: [], details: [], children })

describe('flameLayout', () => {
  it('lays children under their parent in proportion to their time', () => {
    const { boxes, depth } = flameLayout(node('root', 10, [node('a', 6), node('b', 2, [node('c', 1)])]), 'time')
    const at = Object.fromEntries(boxes.map((b) => [b.node.id, b]))
    expect(depth).toBe(3)
    expect(at.root).toMatchObject({ left: 0, width: 1, depth: 0 })
    expect(at.a!.width).toBeCloseTo(0.6)
    expect(at.b!.left).toBeCloseTo(0.6)
    expect(at.b!.width).toBeCloseTo(0.2)
    expect(at.c!.width).toBeCloseTo(0.1)
  })

  it('keeps children inside a parent they outgrow, and shares the width equally without figures', () => {
    const over = flameLayout(node('root', 1, [node('a', 3), node('b', 1)]), 'time').boxes
    expect(over[1]!.width + over[2]!.width).toBeCloseTo(1)
    const none = flameLayout(node('root', undefined, [node('a', undefined), node('b', undefined)]), null).boxes
    expect(none.map((b) => b.width)).toEqual([1, 0.5, 0.5])
  })
})
