@guide:healthpartners-provider-portal-registration
Feature: The US Mail option – a PIN in the mail
  "No check #, no problem. You can register using the US Mail option to
  receive a PIN." After step 10: "(If you chose the US Mail registration
  path, you will wait for a PIN code to arrive in the mail.)"

  Where the guide is silent we chose: the US Mail path asks for the Tax ID
  and the NPI (or the vendor #), and no check #. When the account is created
  a letter goes to the provider's address of record at HealthPartners as it
  stands then (whatever address was displayed), addressed to the provider,
  saying who registered it. The PIN is 8 digits, drawn at random; it works
  for 30 days from the day it is mailed; 5 wrong entries and it stops
  working. A new PIN may be asked for: it voids the one before and starts a
  fresh 30 days and 5 tries; a registration gets at most 3 letters in all
  (the first and two new ones), then Provider e-Services helps. The PIN is
  entered after logging on and accepting the terms of use; until it is,
  nothing else on the site works. The PIN may be typed with blanks or a
  hyphen.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                   |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108 |
    And Grace Okafor works for "Lakeside Family Clinic"

  Rule: No check #, no problem: the US Mail option registers with a PIN by mail
    "No check #, no problem. You can register using the US Mail option to
    receive a PIN."

    @step:providers-2
    Scenario: Grace has no HealthPartners check at hand
      When Grace chooses the US Mail path
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |
      When she selects her provider
      Then she may go on to give her contact information

    @step:providers-2
    Scenario: The US Mail path takes the vendor # instead of the NPI
      When Grace chooses the US Mail path with the vendor # "LFC2040" instead of the NPI
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |
      When she selects her provider
      Then she may go on to give her contact information

    @step:providers-2
    Scenario: A check # that matches no check points Grace to the US Mail option
      When Grace chooses the Tax ID/NPI path with the check # "4410021"
      Then she is told "We could not match this information to a HealthPartners check. Please check the Tax ID, check # and NPI or vendor # as printed on the check, or choose the US Mail option."
      And no field is singled out

    @step:providers-2 @step:provider-10a
    Scenario: Registering by US Mail mails a PIN to the provider's address of record
      Given Grace has selected her provider on the US Mail path
      And she has given her contact information
      When she creates her account
      Then Grace's registration confirmation says "A PIN is on its way to the address of record by US Mail. Log on, accept the terms of use, and enter the PIN when it arrives."
      And a letter with an 8-digit PIN is mailed to "Lakeside Family Clinic" at "2500 Como Ave, Saint Paul, MN 55108"

    @step:providers-2
    Scenario: A registration that does not complete mails no letter
      Given Grace has selected her provider on the US Mail path
      And she has given her contact information
      When she creates her account with the password "lakes"
      Then she is told "Your password must be at least 15 characters long."
      And no letter is mailed

  Rule: The registration completes when the PIN from the letter is entered
    "If you chose the US Mail registration path, you will wait for a PIN
    code to arrive in the mail."

    @step:provider-10a
    Scenario: The PIN arrives and Grace enters it
      Given Grace is waiting for the PIN of her US Mail registration
      When she enters the PIN from the letter
      Then she is ready to use the HealthPartners secure provider site

    @step:provider-10a
    Scenario: The letter says by when to enter the PIN
      Given Grace has registered her provider by the US Mail path
      Then a letter with an 8-digit PIN is mailed to "Lakeside Family Clinic" at "2500 Como Ave, Saint Paul, MN 55108"
      And the letter asks for the PIN by "December 22, 2026"

    @step:provider-10a
    Scenario: Until the PIN is entered, nothing else works, though the terms are accepted
      Given Grace has registered her provider by the US Mail path
      And she has logged on to the secure provider site
      And she has accepted the terms of use
      When Grace creates a staff account for Daniel Reyes
      Then she is told "Your registration completes when you enter the PIN we mailed to your address of record."

    @step:provider-10a
    Scenario: The terms of use come before the PIN
      Given Grace has registered her provider by the US Mail path
      And she has logged on to the secure provider site
      When she enters the PIN from the letter
      Then she is told "Please accept the Provider Portal Terms of Use and the Delegate/Site Administrator Terms of Use."

  Rule: The PIN is 8 digits, works for 30 days and 5 tries, and a new PIN voids the one before, 3 letters at most
    The issue: "The US Mail PIN: its lifetime, its tries and a new PIN on
    request, stated in the feature." (See the Feature's description.)

    @step:rules-3
    Scenario Outline: The PIN typed <how> is accepted
      Given Grace is waiting for the PIN of her US Mail registration
      When she enters the PIN from the letter typed <how>
      Then she is ready to use the HealthPartners secure provider site

      Examples:
        | how                      |
        | as printed               |
        | in two groups of four    |
        | with a hyphen in between |

    @step:rules-3
    Scenario: A wrong PIN is counted
      Given Grace is waiting for the PIN of her US Mail registration
      When she enters a wrong PIN
      Then she is told "That PIN is not correct. You have 4 tries left."
      And Grace's registration is still waiting for its PIN

    @step:rules-3
    Scenario: A PIN is 8 digits
      Given Grace is waiting for the PIN of her US Mail registration
      When she enters the PIN "4410"
      Then she is told "PIN must be 8 digits."

    @step:rules-3
    Scenario: After 4 wrong tries the right PIN still works
      Given Grace is waiting for the PIN of her US Mail registration
      And she has entered a wrong PIN 4 times
      When she enters the PIN from the letter
      Then she is ready to use the HealthPartners secure provider site

    @step:rules-3
    Scenario: The fifth wrong try uses the PIN up
      Given Grace is waiting for the PIN of her US Mail registration
      When she enters a wrong PIN 5 times
      Then she is told "That PIN is not correct. Please request a new PIN."

    @step:rules-3
    Scenario: After 5 wrong tries even the right PIN is refused
      Given Grace is waiting for the PIN of her US Mail registration
      And she has entered a wrong PIN 5 times
      When she enters the PIN from the letter
      Then she is told "That PIN was entered incorrectly too many times. Please request a new PIN."

    @step:rules-3
    Scenario: The PIN still works on its 30th day
      Given Grace is waiting for the PIN of her US Mail registration
      When 29 days pass
      And she enters the PIN from the letter
      Then she is ready to use the HealthPartners secure provider site

    @step:rules-3
    Scenario: After 30 days the PIN has expired
      Given Grace is waiting for the PIN of her US Mail registration
      When 30 days pass
      And she enters the PIN from the letter
      Then she is told "That PIN has expired. Please request a new PIN."

    @step:rules-3
    Scenario: A new PIN voids the one before
      Given Grace is waiting for the PIN of her US Mail registration
      When she asks for a new PIN
      And she enters the PIN from her first letter
      Then she is told "That PIN is not correct. You have 4 tries left."

    @step:rules-3
    Scenario: A new PIN after the first expired completes the registration
      Given Grace is waiting for the PIN of her US Mail registration
      And 31 days pass
      When she asks for a new PIN
      And she enters the PIN from the letter
      Then she is ready to use the HealthPartners secure provider site

    @step:rules-3
    Scenario: A new PIN after 5 wrong tries gives 5 tries again
      Given Grace is waiting for the PIN of her US Mail registration
      And she has entered a wrong PIN 5 times
      When she asks for a new PIN
      And she enters a wrong PIN
      Then she is told "That PIN is not correct. You have 4 tries left."

    @step:rules-3
    Scenario: Two new PINs may be asked for
      Given Grace is waiting for the PIN of her US Mail registration
      When she asks for a new PIN 2 times
      Then 3 PIN letters have been mailed to "Lakeside Family Clinic"

    @step:rules-3
    Scenario: A registration gets 3 letters at most
      Given Grace is waiting for the PIN of her US Mail registration
      When she asks for a new PIN 3 times
      Then she is told "We have mailed the most PINs we can for this registration. Please contact Provider e-Services."
      And 3 PIN letters have been mailed to "Lakeside Family Clinic"

    @step:rules-3
    Scenario: Once the PIN is entered, the registration is complete
      Given Grace is waiting for the PIN of her US Mail registration
      And she enters the PIN from the letter
      When she asks for a new PIN
      Then she is told "Your registration is already complete."
      And 1 PIN letter has been mailed to "Lakeside Family Clinic"
