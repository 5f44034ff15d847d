/**
 * Manual proofing (src/proofing/manual.ts): a photo ID or statement upload is
 * accepted only of an accepted media type, within the size, its content
 * matching its type (and, for the ID, of an approved kind), every error at
 * once; a reviewer's decision approves only with both confirmations and
 * rejects only with a reason (a note when the reason is `other`). Then a
 * model-based run over uploads (good and bad), removals, submission and
 * reviewers' decisions: the person is proofed exactly when a reviewer other
 * than the applicant approved a submission that held one approved photo ID
 * and two statements; a rejection carries its reason; nothing but checked
 * documents is ever attached, and nothing changes once submitted.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { DomainError } from '../../src/kernel/errors'
import { contentMatches, type PostalAddress, type ValidUpload } from '../../src/kernel'
import {
  Applicant,
  attachPhotoId,
  attachStatement,
  decideManualProofing,
  DocumentRef,
  harpManualProofing,
  isManuallyProofed,
  ManualProofing,
  ManualProofingId,
  ManualProofingPolicy,
  REJECTION_REASONS,
  RejectionReason,
  removeDocument,
  ReviewerId,
  startManualProofing,
  submitManualProofing,
  validatePhotoIdUpload,
  validateReviewDecision,
  validateStatementUpload
} from '../../src/proofing'
import type { DateOfBirth, PersonName } from '../../src/kernel/person'
import { anyInput } from '../../src/testkit'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const ZONE = 'America/New_York'
const T0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE })
/** HARP's rules with a small size limit, so generated files can cross it. */
const POLICY: ManualProofingPolicy = { ...harpManualProofing, upload: { ...harpManualProofing.upload, maxBytes: 64 } }
const APPLICANT: Applicant = {
  accountId: 'account-ana',
  firstName: 'Ana' as PersonName,
  lastName: 'Reyes' as PersonName,
  dateOfBirth: '1985-03-14' as DateOfBirth,
  homeAddress: { line1: '12 Elm St', line2: null, city: 'Boston', state: 'MA', zipCode: '02118' } as unknown as PostalAddress
}
const ID = '7d9e1f3a-5b2c-4d6e-8f0a-1b3c5d7e9f20' as ManualProofingId
const REVIEWER = 'reviewer-17' as ReviewerId

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]

/** A few distinct good files (so the same file is sometimes sent twice). */
const GOOD_FILES: ReadonlyArray<{ readonly fileName: string; readonly mediaType: string; readonly content: Uint8Array }> = [
  { fileName: 'license.jpg', mediaType: 'image/jpeg', content: Uint8Array.from([...JPEG, 1, 2, 3]) },
  { fileName: 'passport.png', mediaType: 'image/png', content: Uint8Array.from([...PNG, 4]) },
  { fileName: 'bank-may.pdf', mediaType: 'application/pdf', content: Uint8Array.from([...PDF, 0x31, 0x2e, 0x37, 5]) },
  { fileName: 'bank-june.pdf', mediaType: 'Application/PDF', content: Uint8Array.from([...PDF, 0x31, 0x2e, 0x37, 6]) },
  { fileName: 'card-statement.pdf', mediaType: 'application/pdf; charset=binary', content: Uint8Array.from([...PDF, 7, 7, 7]) }
]

/** Bad files, and the error (code@field suffix) each must give. */
const BAD_FILES: ReadonlyArray<{ readonly file: Record<string, unknown>; readonly errors: ReadonlyArray<string> }> = [
  { file: { fileName: 'id.html', mediaType: 'text/html', content: Uint8Array.from([60, 104]) }, errors: ['attachment.media-type@mediaType'] },
  { file: { fileName: 'big.pdf', mediaType: 'application/pdf', content: Uint8Array.from([...PDF, ...new Array(60).fill(0)]) }, errors: ['attachment.too-large@content'] },
  { file: { fileName: 'renamed.pdf', mediaType: 'application/pdf', content: Uint8Array.from([...PNG, 1]) }, errors: ['attachment.content-mismatch@content'] },
  { file: { fileName: 'photo.png', mediaType: 'image/png', content: Uint8Array.from([...JPEG, 1]) }, errors: ['attachment.content-mismatch@content'] },
  { file: { fileName: 'empty.pdf', mediaType: 'application/pdf', content: new Uint8Array(0) }, errors: ['field.invalid@content'] },
  { file: { fileName: 'a:b.pdf', mediaType: 'image/gif', content: 'not bytes' }, errors: ['field.invalid@fileName', 'attachment.media-type@mediaType', 'field.invalid@content'] },
  { file: {}, errors: ['field.required@fileName', 'field.required@mediaType', 'field.required@content'] }
]

const refOf = (u: ValidUpload): DocumentRef => ({ fileName: u.fileName, mediaType: u.mediaType, size: u.content.byteLength, sha256: createHash('sha256').update(u.content).digest('hex') })
const shaOf = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex')

const codes = (r: E.Either<ReadonlyArray<DomainError> | DomainError, unknown>): ReadonlyArray<string> =>
  E.isRight(r) ? ['ok'] : (Array.isArray(r.left) ? r.left : [r.left]).map((e: DomainError) => `${e.code}@${e.field ?? ''}`)
const codeOf = (r: E.Either<DomainError, unknown>): string => (E.isRight(r) ? 'ok' : r.left.code)
const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${JSON.stringify(r.left)}`)
  return r.right
}

// -------------------------------------------------------------------------------------
// the forms
// -------------------------------------------------------------------------------------

describe('document uploads', () => {
  test('HARP approves three kinds of photo ID, wants two statements, takes PDF, JPEG and PNG up to 10 MiB', () => {
    assert.deepEqual(harpManualProofing.photoIdKinds.map((k) => k.id), ['drivers-license', 'state-id-card', 'us-passport'])
    assert.equal(harpManualProofing.statementsRequired, 2)
    assert.deepEqual(harpManualProofing.upload, { mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 })
  })

  test('a good file of an approved kind is accepted (its media type normalised); any other kind is refused with the file\u2019s own errors, all at once', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GOOD_FILES), fc.constantFrom(...POLICY.photoIdKinds.map((k) => k.id)), fc.constantFrom(...BAD_FILES), (good, kind, bad) => {
        const ok = right(validatePhotoIdUpload(POLICY)({ idKind: kind, ...good }))
        assert.equal(ok.idKind, kind)
        assert.equal(ok.upload.mediaType, good.mediaType.toLowerCase().split(';')[0]?.trim())
        assert.ok(contentMatches(ok.upload.mediaType, ok.upload.content))
        assert.deepEqual(codes(validatePhotoIdUpload(POLICY)({ idKind: 'library-card', ...bad.file })), ['field.invalid@photoId.idKind', ...bad.errors.map((e) => e.replace('@', '@photoId.'))])
        assert.deepEqual(codes(validateStatementUpload(POLICY)({ issuer: 'Ironwood Credit Union', ...bad.file })), bad.errors.map((e) => e.replace('@', '@statement.')))
        assert.deepEqual(codes(validateStatementUpload(POLICY)({ ...good })), ['field.required@statement.issuer'])
      })
    )
  })

  test('anything at all: an Either of domain errors, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.record({ idKind: anyInput, issuer: anyInput, fileName: anyInput, mediaType: anyInput, content: fc.oneof(anyInput, fc.uint8Array({ maxLength: 70 })) })), (input) => {
        for (const r of [validatePhotoIdUpload(POLICY)(input), validateStatementUpload(POLICY)(input), validateReviewDecision(POLICY)(input)]) if (E.isLeft(r)) assert.ok(r.left.length > 0)
      }),
      { numRuns: 300 }
    )
  })
})

describe('a reviewer\u2019s decision', () => {
  test('approval needs both confirmations; rejection needs a reason, and a note when the reason is other', () => {
    const decide = validateReviewDecision(POLICY)
    assert.deepEqual(right(decide({ decision: 'approve', photoIdMatchesApplicant: true, statementsAddressedToRegistrationAddress: true })), {
      decision: 'approve',
      photoIdMatchesApplicant: true,
      statementsAddressedToRegistrationAddress: true
    })
    assert.deepEqual(codes(decide({ decision: 'approve' })), ['field.required@photoIdMatchesApplicant', 'field.required@statementsAddressedToRegistrationAddress'])
    assert.deepEqual(codes(decide({ decision: 'approve', photoIdMatchesApplicant: 'yes', statementsAddressedToRegistrationAddress: true })), ['field.required@photoIdMatchesApplicant'])
    for (const reason of REJECTION_REASONS.filter((r) => r !== 'other')) assert.deepEqual(right(decide({ decision: 'reject', reason })), { decision: 'reject', reason, note: null })
    assert.deepEqual(right(decide({ decision: 'reject', reason: 'other', note: '  The   statement is a screenshot. ' })), { decision: 'reject', reason: 'other', note: 'The statement is a screenshot.' })
    assert.deepEqual(codes(decide({ decision: 'reject', reason: 'other' })), ['field.required@note'])
    assert.deepEqual(codes(decide({ decision: 'reject' })), ['field.required@reason'])
    assert.deepEqual(codes(decide({ decision: 'reject', reason: 'looks-odd', note: 'x'.repeat(501) })), ['field.invalid@reason', 'field.too-long@note'])
    assert.deepEqual(codes(decide({ decision: 'maybe' })), ['field.invalid@decision'])
    assert.deepEqual(codes(decide({})), ['field.required@decision'])
  })
})

// -------------------------------------------------------------------------------------
// model-based: uploads, removals, submission, decisions
// -------------------------------------------------------------------------------------

interface Model {
  state: ManualProofing['state']
  photo: string | null // sha256
  statements: string[] // sha256s, in order
  submittedComplete: boolean
  reason: RejectionReason | null
}
interface Real {
  p: ManualProofing
  now: DateTime
}
type Cmd = fc.Command<Model, Real>

const heldShas = (m: Model): string[] => [...(m.photo === null ? [] : [m.photo]), ...m.statements]

/** Sends a file as the photo ID or a statement: checked first; a good one attached as the model says. */
class Upload implements Cmd {
  constructor(
    readonly as: 'photo-id' | 'statement',
    readonly file: { readonly good: boolean; readonly form: Record<string, unknown>; readonly errors: ReadonlyArray<string> },
    readonly kind: string
  ) {}
  check = () => true
  run(m: Model, r: Real): void {
    if (!this.file.good) {
      const v = this.as === 'photo-id' ? validatePhotoIdUpload(POLICY)({ idKind: this.kind, ...this.file.form }) : validateStatementUpload(POLICY)({ issuer: 'Ironwood Credit Union', ...this.file.form })
      const prefix = this.as === 'photo-id' ? 'photoId.' : 'statement.'
      assert.deepEqual(codes(v), this.file.errors.map((e) => e.replace('@', `@${prefix}`)), this.toString())
      return
    }
    const sha = shaOf(this.file.form['content'] as Uint8Array)
    if (this.as === 'photo-id') {
      const v = right(validatePhotoIdUpload(POLICY)({ idKind: this.kind, ...this.file.form }))
      const x = attachPhotoId(POLICY)(r.p, { idKind: v.idKind, file: refOf(v.upload) })
      const expected = m.state !== 'collecting' ? 'flow.wrong-state' : m.statements.includes(sha) ? 'list.duplicate' : 'ok'
      assert.equal(codeOf(x), expected, this.toString())
      if (E.isLeft(x)) return
      r.p = x.right
      m.photo = sha
    } else {
      const v = right(validateStatementUpload(POLICY)({ issuer: 'Ironwood Credit Union', ...this.file.form }))
      const x = attachStatement(POLICY)(r.p, { issuer: v.issuer, file: refOf(v.upload) })
      const expected = m.state !== 'collecting' ? 'flow.wrong-state' : m.statements.length >= 2 ? 'list.too-long' : heldShas(m).includes(sha) ? 'list.duplicate' : 'ok'
      assert.equal(codeOf(x), expected, this.toString())
      if (E.isLeft(x)) return
      r.p = x.right
      m.statements.push(sha)
    }
  }
  toString = () => `upload ${this.as} ${this.file.good ? 'good' : 'bad'} ${String(this.file.form['fileName'])}`
}

class Remove implements Cmd {
  constructor(readonly which: 'photo' | 'statement' | 'unknown') {}
  check = () => true
  run(m: Model, r: Real): void {
    const sha = this.which === 'photo' ? m.photo ?? 'none' : this.which === 'statement' ? m.statements[0] ?? 'none' : 'f'.repeat(64)
    const x = removeDocument(r.p, sha)
    assert.equal(codeOf(x), m.state === 'collecting' ? 'ok' : 'flow.wrong-state', this.toString())
    if (E.isLeft(x)) return
    r.p = x.right
    if (m.photo === sha) m.photo = null
    m.statements = m.statements.filter((s) => s !== sha)
  }
  toString = () => `remove ${this.which}`
}

class Submit implements Cmd {
  check = () => true
  run(m: Model, r: Real): void {
    const x = submitManualProofing(r.now, POLICY)(r.p)
    const complete = m.photo !== null && m.statements.length === 2
    assert.equal(codeOf(x), m.state !== 'collecting' ? 'flow.wrong-state' : complete ? 'ok' : 'manual-proofing.documents-missing', this.toString())
    if (E.isLeft(x)) {
      if (x.left.code === 'manual-proofing.documents-missing') assert.deepEqual([x.left.photoId, x.left.statements], [m.photo === null ? 1 : 0, 2 - m.statements.length])
      return
    }
    r.p = x.right
    m.state = 'submitted'
    m.submittedComplete = complete
  }
  toString = () => 'submit'
}

class Decide implements Cmd {
  constructor(
    readonly byApplicant: boolean,
    readonly decision: { readonly decision: 'approve' } | { readonly decision: 'reject'; readonly reason: RejectionReason }
  ) {}
  check = () => true
  run(m: Model, r: Real): void {
    const reviewer = (this.byApplicant ? APPLICANT.accountId : REVIEWER) as ReviewerId
    const typed =
      this.decision.decision === 'approve'
        ? { decision: 'approve', photoIdMatchesApplicant: true, statementsAddressedToRegistrationAddress: true }
        : { decision: 'reject', reason: this.decision.reason, note: this.decision.reason === 'other' ? 'The photo ID is cropped.' : null }
    const x = decideManualProofing(r.now)(r.p, reviewer, right(validateReviewDecision(POLICY)(typed)))
    const expected = m.state !== 'submitted' ? 'flow.wrong-state' : this.byApplicant ? 'manual-proofing.reviewer-is-applicant' : 'ok'
    assert.equal(codeOf(x), expected, this.toString())
    if (E.isLeft(x)) return
    r.p = x.right
    m.state = this.decision.decision === 'approve' ? 'approved' : 'rejected'
    m.reason = this.decision.decision === 'reject' ? this.decision.reason : null
  }
  toString = () => `${this.byApplicant ? 'applicant' : 'reviewer'} ${this.decision.decision}${'reason' in this.decision ? ` (${this.decision.reason})` : ''}`
}

class Wait implements Cmd {
  constructor(readonly hours: number) {}
  check = () => true
  run(_m: Model, r: Real): void {
    r.now = r.now.plus({ hours: this.hours })
  }
  toString = () => `wait ${this.hours} h`
}

const goodFile = fc.constantFrom(...GOOD_FILES).map((f) => ({ good: true, form: { ...f } as Record<string, unknown>, errors: [] as ReadonlyArray<string> }))
const badFile = fc.constantFrom(...BAD_FILES).map((b) => ({ good: false, form: b.file, errors: b.errors }))

const upload = fc
  .tuple(fc.constantFrom('photo-id' as const, 'statement' as const), fc.oneof({ weight: 4, arbitrary: goodFile }, { weight: 1, arbitrary: badFile }), fc.constantFrom(...POLICY.photoIdKinds.map((k) => k.id)))
  .map(([as, file, kind]) => new Upload(as, file, kind))

describe('manual proofing, model-based', () => {
  test('proofed exactly when a reviewer (not the applicant) approved a complete submission; a rejection carries its reason; only checked documents are attached', () => {
    const reached = new Map<string, number>()
    fc.assert(
      fc.property(
        fc.commands(
          [
            // uploads three times as often as each other step, so runs gather complete submissions
            upload,
            upload,
            upload,
            fc.constantFrom('photo' as const, 'statement' as const, 'unknown' as const).map((w) => new Remove(w)),
            fc.constant(new Submit()),
            fc.tuple(fc.boolean(), fc.oneof(fc.constant({ decision: 'approve' as const }), fc.constantFrom(...REJECTION_REASONS).map((reason) => ({ decision: 'reject' as const, reason })))).map(
              ([byApplicant, d]) => new Decide(byApplicant, d)
            ),
            fc.integer({ min: 1, max: 72 }).map((h) => new Wait(h))
          ],
          { maxCommands: 40, size: 'max' }
        ),
        (cmds) => {
          const checked = [...cmds].map(
            (c): Cmd => ({
              check: (m) => c.check(m),
              run: (m, r) => {
                c.run(m, r)
                const p = r.p
                const step = `${c.toString().split(' ')[0]}→${p.state}`
                reached.set(step, (reached.get(step) ?? 0) + 1)
                assert.equal(p.state, m.state)
                assert.equal(isManuallyProofed(p), m.state === 'approved')
                if (isManuallyProofed(p)) {
                  assert.ok(m.submittedComplete, 'approved without every document')
                  assert.notEqual(p.reviewer, p.applicant.accountId)
                  assert.ok(p.photoId !== null && p.statements.length === 2)
                }
                if (p.state === 'rejected') {
                  assert.equal(p.reason, m.reason)
                  assert.ok((REJECTION_REASONS as ReadonlyArray<string>).includes(p.reason))
                  if (p.reason === 'other') assert.ok(p.note !== null && p.note.length > 0)
                }
                assert.deepEqual([p.photoId?.file.sha256 ?? null, p.statements.map((s) => s.file.sha256)], [m.photo, m.statements])
                for (const d of [...(p.photoId === null ? [] : [p.photoId]), ...p.statements]) {
                  assert.ok(POLICY.upload.mediaTypes.includes(d.file.mediaType) && d.file.size <= POLICY.upload.maxBytes, 'an unchecked document')
                  assert.ok(GOOD_FILES.some((g) => shaOf(g.content) === d.file.sha256), 'a bad file attached')
                }
                if (p.photoId !== null) assert.ok(POLICY.photoIdKinds.some((k) => k.id === p.photoId?.idKind))
              },
              toString: () => c.toString()
            })
          )
          fc.modelRun(
            () => ({
              model: { state: 'collecting' as ManualProofing['state'], photo: null, statements: [], submittedComplete: false, reason: null },
              real: { p: startManualProofing(T0, ID, APPLICANT), now: T0 }
            }),
            checked
          )
        }
      ),
      { numRuns: 300 }
    )
    // the runs reach every state, approval and rejection included
    for (const step of ['upload→collecting', 'submit→submitted', 'reviewer→approved', 'reviewer→rejected']) assert.ok((reached.get(step) ?? 0) > 0, `${step} never happened: ${JSON.stringify([...reached])}`)
  })

  test('the happy path: a photo ID and two statements, submitted, approved by a reviewer: proofed', () => {
    let p: ManualProofing = startManualProofing(T0, ID, APPLICANT)
    const photo = right(validatePhotoIdUpload(POLICY)({ idKind: 'drivers-license', ...GOOD_FILES[0] }))
    p = right(attachPhotoId(POLICY)(p, { idKind: photo.idKind, file: refOf(photo.upload) }))
    for (const f of [GOOD_FILES[2], GOOD_FILES[3]]) {
      const s = right(validateStatementUpload(POLICY)({ issuer: 'Ironwood Credit Union', ...f }))
      p = right(attachStatement(POLICY)(p, { issuer: s.issuer, file: refOf(s.upload) }))
    }
    assert.equal(isManuallyProofed(p), false)
    const submitted = right(submitManualProofing(T0.plus({ minutes: 5 }), POLICY)(p))
    assert.equal(isManuallyProofed(submitted), false)
    assert.deepEqual(codes(attachPhotoId(POLICY)(submitted, { idKind: 'us-passport', file: refOf(right(validatePhotoIdUpload(POLICY)({ idKind: 'us-passport', ...GOOD_FILES[1] })).upload) })), [
      'flow.wrong-state@'
    ])
    const approved = right(
      decideManualProofing(T0.plus({ days: 2 }))(submitted, REVIEWER, { decision: 'approve', photoIdMatchesApplicant: true, statementsAddressedToRegistrationAddress: true })
    )
    assert.ok(isManuallyProofed(approved))
    assert.equal(approved.state === 'approved' && approved.reviewer, REVIEWER)
    assert.deepEqual(codes(decideManualProofing(T0.plus({ days: 3 }))(approved, REVIEWER, { decision: 'reject', reason: 'other', note: 'changed my mind' })), ['flow.wrong-state@'])
  })
})
