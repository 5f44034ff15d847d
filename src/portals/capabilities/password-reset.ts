/**
 * Password reset by an e-mailed code (HPP's "Forgot your password?").
 *
 * @since 0.2.0
 */
import * as reset from '../../accounts/password-reset/workflow'
import type { ResetRequestForm } from '../../accounts/password-reset/flow'
import { defineCapability } from '../capability'
import { accountSettings } from './sign-up'

/** `portal.passwordReset`. */
export const passwordResetCapability = defineCapability({
  key: 'passwordReset',
  feature: 'password reset by e-mail code',
  settings: accountSettings,
  calls: (exec) => ({
    /** "Send verification code" on the reset screen. */
    request: (form: ResetRequestForm) => exec(() => reset.requestPasswordReset(form)),
    /** "Send new code". */
    resendCode: (flowId: unknown) => exec(() => reset.resendResetCode(flowId)),
    /** "Verify code". */
    verifyEmail: (flowId: unknown, code: unknown) => exec(() => reset.verifyResetEmail(flowId, code)),
    /** "Change e-mail". */
    changeEmail: (flowId: unknown, email: unknown) => exec(() => reset.changeResetEmailAddress(flowId, email)),
    /** "Continue". */
    continue: (flowId: unknown) => exec(() => reset.continuePasswordReset(flowId)),
    /** The new password, twice. */
    setNewPassword: (flowId: unknown, form: { readonly newPassword?: unknown; readonly confirmNewPassword?: unknown }) =>
      exec(() => reset.setNewPassword(flowId, form))
  })
})
