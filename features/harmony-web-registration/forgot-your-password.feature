@guide:harmony-web-registration
Feature: Forgot Your Password?
  The home page links to "Forgot Your Password?" but the guide does not say
  what it does; the issue behind this specification does. The person gives
  their username and is asked the security question they chose in step 5;
  the right answer e-mails a fresh temporary password, valid for 30 days,
  which like the first must be replaced by a password of one's own.

  Where the issue is silent we chose: answers are compared without regard to
  letter case or spacing (trimmed, inner spaces collapsed, Unicode NFKC). A
  username nobody has is asked one of the plan's questions, always the same
  one for that username, and any answer is told it does not match: the
  screen never says whether an account exists. After 5 wrong answers in a
  row the question is locked for 30 minutes, even for the right answer; a
  right answer clears the count. The new temporary password goes to the
  address the account was registered with, and replaces the old one.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Grace has registered her practice with the security question "In what city were you born?" and the answer "St. Petersburg"

  Rule: The question asked is the one the account chose
    "Create a username and select a security question and answer."

    @step:home-2 @step:forgot-1
    Scenario: Grace is asked her own question
      When Grace asks for her security question
      Then she is asked "In what city were you born?"

  Rule: A username nobody has is asked a question too, and learns nothing
    From the issue: no account is revealed.

    @step:forgot-2
    Scenario: Someone gives a username nobody has, twice
      When someone asks for the security question of "NoSuchUser"
      And someone asks for the security question of "NoSuchUser"
      Then they are asked one of the plan's questions
      And the same question is asked each time

    @step:forgot-2
    Scenario: Any answer for a username nobody has is told what a wrong answer is told
      When someone answers the security question of "NoSuchUser" with "St. Petersburg"
      Then they are told "That answer does not match our records."

    @step:forgot-2
    Scenario: A username nobody has is locked out after five wrong answers, like a real one
      When someone answers the security question of "NoSuchUser" wrongly 5 times
      Then they are told "Too many incorrect answers. Please try again later."

  Rule: The right answer, in any letter case or spacing, e-mails a fresh temporary password valid for 30 days
    "a temporary password that will expire in 30 days"

    @step:home-2 @step:forgot-3
    Scenario Outline: Grace answers "<typed>"
      When Grace answers her security question with "<typed>"
      Then Grace receives an e-mail with a new temporary password
      And the e-mail says "You asked for a new password."

      Examples:
        | typed              |
        | St. Petersburg     |
        | st. petersburg     |
        | ST.    PETERSBURG  |

    @step:forgot-3 @step:step-6b
    Scenario: The new temporary password works for 30 days from when it was sent
      Given 10 days pass
      And Grace answers her security question correctly
      When 29 days pass
      And Grace logs on with her temporary password
      Then she is signed in and must choose a password of her own

    @step:forgot-3 @step:step-6b
    Scenario: The new temporary password expires 30 days after it was sent
      Given 10 days pass
      And Grace answers her security question correctly
      When 30 days pass
      And Grace logs on with her temporary password
      Then she is told 'Your temporary password has expired. Use "Forgot Your Password?" to receive a new one.'

    @step:forgot-3
    Scenario: The new temporary password replaces the old one
      Given Grace answers her security question correctly
      When Grace logs on with the temporary password from her first e-mail
      Then she is told "The username or password is incorrect."

    @step:forgot-3 @step:step-6
    Scenario: The temporary password from the first e-mail, still within its 30 days, cannot be chosen after recovery
      Given Grace answers her security question correctly
      When Grace replaces her temporary password with the temporary password from her first e-mail
      Then she is told "Please choose a password of your own, not a temporary password we sent you." for the new password

    @step:forgot-3 @step:step-6c
    Scenario: Like the first, the new temporary password must be replaced
      Given Grace answers her security question correctly
      When Grace replaces her temporary password with "sunrise over tampa bay"
      And Grace signs in with her username and password
      Then she is signed in for her practice

  Rule: Wrong answers are refused; after 5 in a row even the right one waits 30 minutes
    From the issue: 5 wrong answers lock the question for 30 minutes.

    @step:forgot-4
    Scenario: A wrong answer is refused and sends nothing
      When Grace answers her security question with "Tampa"
      Then she is told "That answer does not match our records."
      And Grace has received 1 e-mail

    @step:forgot-4
    Scenario: Four wrong answers, then the right one
      When Grace answers her security question wrongly 4 times
      And Grace answers her security question correctly
      Then Grace receives an e-mail with a new temporary password

    @step:forgot-4
    Scenario: After five wrong answers even the right one is refused
      When Grace answers her security question wrongly 5 times
      And Grace answers her security question correctly
      Then she is told "Too many incorrect answers. Please try again later."
      And Grace has received 1 e-mail

    @step:forgot-4
    Scenario: 29 minutes later the right answer is still refused
      Given Grace answers her security question wrongly 5 times
      When 29 minutes pass
      And Grace answers her security question correctly
      Then she is told "Too many incorrect answers. Please try again later."

    @step:forgot-4
    Scenario: 30 minutes later the right answer works again
      Given Grace answers her security question wrongly 5 times
      When 30 minutes pass
      And Grace answers her security question correctly
      Then Grace receives an e-mail with a new temporary password

    @step:forgot-4
    Scenario: A right answer clears the count of wrong ones
      Given Grace answers her security question wrongly 4 times
      And Grace answers her security question correctly
      When Grace answers her security question wrongly 4 times
      Then she is told "That answer does not match our records."

  Rule: Whoever holds an expired temporary password gets a new one this way
    The expiry message says: Use "Forgot Your Password?" to receive a new one.

    @step:forgot-5 @step:home-2
    Scenario: Grace's temporary password expired before she used it
      Given 31 days pass
      And Grace logs on with her temporary password
      When Grace answers her security question correctly
      And Grace logs on with her temporary password
      Then she is signed in and must choose a password of her own
