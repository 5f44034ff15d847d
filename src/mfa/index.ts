/** Second factors: devices (SMS, voice, authenticator app, push), their out-of-band codes and push approvals. */
export * from './devices'
export * from './out-of-band-code'
export * from './push'
export * from './policies'
export * from './codecs'
export * from './sign-in/flow'
export * as enrolment from './enrolment/workflow'
export * as twoFactorSignIn from './sign-in/workflow'
