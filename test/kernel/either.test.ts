/**
 * The Either combinators the core takes from src/kernel/either.ts (written
 * without fp-ts's `dual`, for speed) give exactly what fp-ts's own give: the
 * same Left (the very same object), the same Right value, over random
 * values, functions that succeed or fail, and records bound field by field.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as FE from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as E from '../../src/kernel/either'

const either: fc.Arbitrary<FE.Either<string, number>> = fc.oneof(fc.string().map((s) => FE.left(s)), fc.integer().map((n) => FE.right(n)))
// a function that fails on some inputs: which, and with what, is drawn too
const step: fc.Arbitrary<(n: number) => FE.Either<string, number>> = fc
  .tuple(fc.integer({ min: 2, max: 7 }), fc.integer(), fc.string())
  .map(([m, k, message]) => (n: number) => (Math.abs(n) % m === 0 ? FE.left(`${message}:${n}`) : FE.right(n + k)))

describe('kernel Either: the direct combinators', () => {
  test('chain, chainW, chainFirst and chainFirstW equal fp-ts’s, Lefts passed through untouched', () => {
    fc.assert(
      fc.property(either, step, (ma, f) => {
        assert.deepEqual(pipe(ma, E.chain(f)), pipe(ma, FE.chain(f)))
        assert.deepEqual(pipe(ma, E.chainW(f)), pipe(ma, FE.chainW(f)))
        assert.deepEqual(pipe(ma, E.chainFirst(f)), pipe(ma, FE.chainFirst(f)))
        assert.deepEqual(pipe(ma, E.chainFirstW(f)), pipe(ma, FE.chainFirstW(f)))
        if (FE.isLeft(ma)) assert.equal(pipe(ma, E.chain(f)), ma)
      }),
      { numRuns: 3000 }
    )
  })

  test('bind and bindW build the same records as fp-ts’s, field by field, each a new object', () => {
    fc.assert(
      fc.property(either, step, step, (start, f, g) => {
        const ours = pipe(E.Do, E.bind('a', () => start), E.bind('b', ({ a }) => f(a)), E.bindW('c', ({ a, b }) => g(a + b)))
        const theirs = pipe(FE.Do, FE.bind('a', () => start), FE.bind('b', ({ a }) => f(a)), FE.bindW('c', ({ a, b }) => g(a + b)))
        assert.deepEqual(ours, theirs)
        if (FE.isRight(ours)) assert.deepEqual(Object.keys(ours.right), ['a', 'b', 'c'])
      }),
      { numRuns: 3000 }
    )
    const before = { a: 1 }
    const after = pipe(E.right(before), E.bind('b', () => E.right(2)))
    assert.ok(E.isRight(after) && after.right !== before)
    assert.deepEqual(before, { a: 1 })
  })

  test('everything else is fp-ts’s own', () => {
    assert.equal(E.map, FE.map)
    assert.equal(E.isLeft, FE.isLeft)
    assert.equal(E.right, FE.right)
    assert.equal(E.Do, FE.Do)
  })
})
