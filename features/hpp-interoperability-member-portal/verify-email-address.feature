@guide:hpp-interoperability-member-portal
Feature: Verifying the e-mail address with a code
  "Send verification code" e-mails a temporary code to the address typed; the
  person types it back and clicks "Verify code"; "Send new code" sends another.

  The guide does not say how long a code lasts or how many tries it allows:
  we follow Azure AD B2C, on which the portal runs. A code is 6 digits, lasts
  600 seconds and works once; 5 wrong tries invalidate it and the address
  waits out one code lifetime before it may be sent another; a new code
  replaces the old one but does not reset the count of wrong tries; an address
  gets at most 10 codes in 24 hours, sign-up and password-reset codes counted
  together.

  Background:
    Given Jane Doe is a member of the plan with Member ID "HP12345678", born "03-14-1985"
    And Jane uses the e-mail address "jcohen@hpplans.com"

  Rule: "Send verification code" e-mails a code to the address typed

    @step:register-4
    Scenario: Jane asks for a code
      When Jane asks for a sign-up verification code
      Then Jane receives an e-mail with a 6-digit verification code

    @step:register-5
    Scenario: The e-mail reads like the guide's example
      When Jane asks for a sign-up verification code
      Then the e-mail comes from "Microsoft on behalf of Health Plan Partners"
      And the e-mail is titled "Health Plan Partners account email verification code"
      And the e-mail says "Thanks for verifying your jcohen@hpplans.com account!"
      And the e-mail says "This message was sent from an unmonitored email address. Please do not reply to this message."

  Rule: The code typed back verifies the address

    @step:register-6
    Scenario: Jane types the code she received
      When Jane asks for a sign-up verification code
      And Jane verifies her e-mail with the code she received
      Then she can go on to tell the plan who she is

    @step:register-6
    Scenario: Robert types the code he received
      Given Robert Diaz is a member of the plan with Member ID "HP23456789", born "07-02-1979"
      When Robert asks for a sign-up verification code
      And he verifies his e-mail with the code he received
      Then his e-mail address is verified

    @step:register-6
    Scenario: A wrong code is refused
      When Jane asks for a sign-up verification code
      And Jane verifies her e-mail with a wrong code
      Then she is told "That code is incorrect. Please try again."

    @step:register-6
    Scenario: Something that is not a 6-digit code is refused
      When Jane asks for a sign-up verification code
      And Jane verifies her e-mail with the code "85548"
      Then she is told "Please enter a valid Verification Code." for the verification code

    @step:register-6
    Scenario: A code is good for 600 seconds only
      When Jane asks for a sign-up verification code
      And 601 seconds pass
      And Jane verifies her e-mail with the code she received
      Then she is told "That code is expired. Please request a new code."

    @step:register-6
    Scenario: Five wrong codes invalidate the code
      When Jane asks for a sign-up verification code
      And Jane enters a wrong code 5 times
      And Jane verifies her e-mail with the code she received
      Then she is told "You've made too many incorrect attempts. Please try again later."

  Rule: "Send new code" replaces the code and keeps count of wrong tries

    @step:register-7
    Scenario: Jane asks for a new code
      When Jane asks for a sign-up verification code
      And Jane asks for a new code
      Then Jane has received 2 e-mails
      And Jane's two codes differ

    @step:register-7
    Scenario: The new code works and the old one no longer does
      Given Jane asks for a sign-up verification code
      And Jane asks for a new code
      When Jane verifies her e-mail with the code from her first e-mail
      Then she is told "That code is incorrect. Please try again."

    @step:register-7
    Scenario: The code from the second e-mail works
      Given Jane asks for a sign-up verification code
      And Jane asks for a new code
      When Jane verifies her e-mail with the code from her second e-mail
      Then Jane's e-mail address is verified

    @step:register-7
    Scenario: A new code does not reset the count of wrong tries
      When Jane asks for a sign-up verification code
      And Jane enters a wrong code 4 times
      And Jane asks for a new code
      And Jane verifies her e-mail with a wrong code
      Then she is told "You've made too many incorrect attempts. Please try again later."

    @step:register-7
    Scenario: After too many wrong codes, no new code until one code lifetime has passed
      When Jane asks for a sign-up verification code
      And Jane enters a wrong code 5 times
      And Jane asks for a new code
      Then she is told "You've made too many incorrect attempts. Please try again later."

    @step:register-7
    Scenario: Once the wait is over, a new code works
      Given Jane asks for a sign-up verification code
      And Jane enters a wrong code 5 times
      When 10 minutes pass
      And Jane asks for a new code
      And Jane verifies her e-mail with the code she received
      Then she can go on to tell the plan who she is

    @step:register-7
    Scenario: An address gets at most ten codes a day
      When Jane asks for a sign-up verification code
      And Jane asks for a new code 10 times
      Then she is told "There have been too many requests to verify this email address. Please wait a while, then try again."
      And Jane has received 10 e-mails

    @step:register-7 @step:reset-4
    Scenario: Ten sign-up codes leave none for a password reset that day
      Given Jane has been sent 10 sign-up verification codes
      When Jane asks to reset her password with her username and e-mail address
      Then she is told "There have been too many requests to verify this email address. Please wait a while, then try again."
      And Jane has received 10 e-mails

    @step:register-7 @step:reset-4
    Scenario: Sign-up and reset codes count together towards the ten
      Given Jane has been sent 5 sign-up verification codes
      When Jane asks to reset her password with her username and e-mail address
      And Jane asks for a new code 5 times
      Then she is told "There have been too many requests to verify this email address. Please wait a while, then try again."
      And Jane has received 10 e-mails

    @step:register-7 @step:reset-4
    Scenario: A day after the first code, the address may be sent codes again, whatever for
      Given Jane has been sent 10 sign-up verification codes
      When 24 hours pass
      And Jane asks to reset her password with her username and e-mail address
      Then Jane has received 11 e-mails

  Rule: Once verified, Jane continues or changes her e-mail address
    "Once verified, you can continue with registration": not before, and a
    step already done is not done twice.

    @step:register-8
    Scenario: Jane cannot create her account before verifying her e-mail address
      When Jane asks for a sign-up verification code
      And Jane creates her account as a member with her Member ID
      Then she is told "Please verify your email address first."
      And no account is created for Jane

    @step:register-8
    Scenario: A code already used is a step already complete
      Given Jane has verified her e-mail address for sign-up
      When Jane verifies her e-mail with the code she received
      Then she is told "That step is already complete. Please start again."

    @step:register-8
    Scenario: Jane changes her e-mail address after verifying it
      Given Jane has verified her e-mail address for sign-up
      When Jane changes her e-mail address to "JaneDoe@gmail.com"
      Then Jane receives an e-mail with a 6-digit verification code

    @step:register-8
    Scenario: The new address must be verified too
      Given Jane has verified her e-mail address for sign-up
      And Jane changes her e-mail address to "JaneDoe@gmail.com"
      When Jane verifies her e-mail with the code she received
      Then she can go on to tell the plan who she is

    @step:register-8
    Scenario: The new address must be an e-mail address
      Given Jane has verified her e-mail address for sign-up
      When Jane changes her e-mail address to "JaneDoe at gmail"
      Then she is told "Please enter a valid Email Address." for the e-mail address
