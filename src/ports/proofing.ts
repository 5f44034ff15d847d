import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DomainError } from '../kernel/errors'
import type { ProofingIdentity } from '../proofing/profile'
import type { Quiz } from '../proofing/knowledge-based'

/**
 * A knowledge-based verification provider (a credit bureau): quizzes on a
 * person's credit file. (NIST SP 800-63A-4 no longer accepts knowledge-based
 * verification for identity verification; HARP's preset uses it.)
 */
export interface KnowledgeBasedVerification {
  /**
   * A quiz on the credit file that matches the identity, its answers
   * included (seal it at once with `sealQuiz`); none when no file matches.
   */
  readonly quizFor: (identity: ProofingIdentity) => TE.TaskEither<DomainError, O.Option<Quiz>>
}
