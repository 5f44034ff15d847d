@guide:harmony-web-registration
Feature: Step 6 – Log on with the temporary password
  "Within 24 hours of registration, you will receive an e-mail with a
  temporary password that will expire in 30 days. Use this password to log
  onto the Web site and create a password of your preference."

  Where the guide is silent we chose: the temporary password is e-mailed
  the moment the username is created (well within the 24 hours), to the
  first user listed in step 4; it is 16 letters and digits that cannot be
  mistaken for one another. It works until 30 days to the minute after it
  was sent: 29 days later it still signs in, 30 days later it does not, and
  the message points to "Forgot Your Password?" for a new one. Signing in
  with it only lets the person choose a password of their own.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Grace has registered her practice

  Rule: Within 24 hours of registration, an e-mail brings a temporary password
    "Within 24 hours of registration, you will receive an e-mail with a temporary password"

    @step:step-6a
    Scenario: Grace receives her temporary password
      Then Grace receives an e-mail with a temporary password within 24 hours of registering
      And the e-mail is addressed to Grace at "grace.okafor@riversidefp.com"
      And the e-mail comes from "Harmony Health Plan"
      And the e-mail says "Username: GraceOkafor"

  Rule: The temporary password is used to log on to the Web site
    "Use this password to log onto the Web site"

    @step:step-6 @step:intro-2
    Scenario: Grace logs on right after registering
      When Grace logs on with her temporary password
      Then she is signed in and must choose a password of her own

    @step:step-6
    Scenario: A wrong temporary password is refused like any wrong password
      When Grace signs in with the password "ABCDEFGHJKLMNPQR"
      Then she is told "The username or password is incorrect."

  Rule: The temporary password expires 30 days after it was sent
    "a temporary password that will expire in 30 days"

    @step:step-6b
    Scenario: The e-mail says when the temporary password expires
      Then Grace receives an e-mail with a temporary password
      And the e-mail says "This temporary password expires on December 22, 2026 at 9:00 AM EST."

    @step:step-6b @step:step-6
    Scenario Outline: <time> later the temporary password still works
      When <time> pass
      And Grace logs on with her temporary password
      Then she is signed in and must choose a password of her own

      Examples:
        | time          |
        | 1 day         |
        | 29 days       |
        | 43199 minutes |

    @step:step-6b
    Scenario Outline: <time> later the temporary password has expired
      When <time> pass
      And Grace logs on with her temporary password
      Then she is told 'Your temporary password has expired. Use "Forgot Your Password?" to receive a new one.'
      And she is not signed in

      Examples:
        | time          |
        | 43200 minutes |
        | 30 days       |
        | 31 days       |
        | 90 days       |

    @step:step-6b @step:step-6c
    Scenario: An expired temporary password cannot be replaced either
      When 31 days pass
      And Grace replaces her temporary password with "sunrise over tampa bay"
      Then she is told 'Your temporary password has expired. Use "Forgot Your Password?" to receive a new one.'
