/**
 * fp-ts's Either, with its sequencing combinators written directly. In fp-ts
 * 2.16 `chain`, `chainW`, `chainFirst`, `chainFirstW`, `bind` and `bindW` go
 * through `dual` (`Array.from(arguments)`, a spread and an `apply` on every
 * call): measured here ~0.6–1.7 µs a call against ~25 ns for `map`, which made
 * each field of a form cost microseconds. These are the same functions with
 * the same types and results (test/kernel/either.test.ts compares them with
 * fp-ts's over random values); the rest of what the core uses is fp-ts's own,
 * re-exported by name.
 *
 * The core imports `* as E` from here instead of 'fp-ts/lib/Either.js'.
 *
 * @internal
 * @since 0.4.0
 */
import * as FE from 'fp-ts/lib/Either.js'

// Named, not `export *`: a bundler turns a star re-export of an external CommonJS module into a
// runtime copy that can run before fp-ts has loaded (the built package then lacked these).
export type { Either, Left, Right } from 'fp-ts/lib/Either.js'
export {
  alt, altW, ap, apS, apSW, apW, Applicative, Apply, bimap, bindTo, Chain, chainNullableK, Do, elem, exists, filterOrElse,
  filterOrElseW, flatMap, flatten, fold, foldW, fromNullable, fromNullableK, fromOption, fromPredicate, Functor,
  getApplicativeValidation, getOrElse, getOrElseW, getValidation, isLeft, isRight, left, let, map, mapLeft, match, matchW,
  Monad, of, orElse, orElseW, Pointed, right, sequenceArray, swap, tap, toError, toUnion, traverseArray,
  traverseArrayWithIndex, traverseReadonlyArrayWithIndex, tryCatch, URI
} from 'fp-ts/lib/Either.js'

// -------------------------------------------------------------------------------------
// sequencing
// -------------------------------------------------------------------------------------

const chainDirect =
  <E, A, B>(f: (a: A) => FE.Either<E, B>) =>
  (ma: FE.Either<E, A>): FE.Either<E, B> =>
    ma._tag === 'Left' ? ma : f(ma.right)

const chainFirstDirect =
  <E, A, B>(f: (a: A) => FE.Either<E, B>) =>
  (ma: FE.Either<E, A>): FE.Either<E, A> => {
    if (ma._tag === 'Left') return ma
    const b = f(ma.right)
    return b._tag === 'Left' ? b : ma
  }

const bindDirect =
  <N extends string, A, E, B>(name: Exclude<N, keyof A>, f: (a: A) => FE.Either<E, B>) =>
  (ma: FE.Either<E, A>): FE.Either<E, { readonly [K in keyof A | N]: K extends keyof A ? A[K] : B }> => {
    if (ma._tag === 'Left') return ma
    const b = f(ma.right)
    // a new object with the field added, as fp-ts's Object.assign({}, a, { [name]: b })
    return b._tag === 'Left' ? b : FE.right(Object.assign({}, ma.right, { [name]: b.right }) as never)
  }

/** fp-ts's `chain`, without `dual`. */
export const chain: typeof FE.chain = chainDirect
/** fp-ts's `chainW`, without `dual`. */
export const chainW: typeof FE.chainW = chainDirect as typeof FE.chainW
/** fp-ts's `chainFirst`, without `dual`. */
export const chainFirst: typeof FE.chainFirst = chainFirstDirect
/** fp-ts's `chainFirstW`, without `dual`. */
export const chainFirstW: typeof FE.chainFirstW = chainFirstDirect as typeof FE.chainFirstW
/** fp-ts's `bind`, without `dual`. */
export const bind: typeof FE.bind = bindDirect
/** fp-ts's `bindW`, without `dual`. */
export const bindW: typeof FE.bindW = bindDirect as typeof FE.bindW
