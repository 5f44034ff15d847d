@guide:qpp-harp-account-setup
Feature: Log-in on QPP.CMS.GOV
  "Log-in on QPP.CMS.GOV with your newly created HARP account login"

  Where the guide is silent we chose: a log-in takes the User ID and
  password, then a second factor from a device already set up (a code texted
  or spoken, Google Authenticator's code, or an Okta Verify push approved
  with the number the log-in page shows). Only an account whose identity is
  proofed logs in. A wrong User ID or a wrong password gets one message, so
  the page does not say which was wrong.

  Rule: A HARP account logs in with its User ID, password and a device set up

    @step:log-in-1
    Scenario Outline: Priya logs in with <device>
      Given Priya Shah has a HARP account with <device> set up
      When she logs in with her User ID, password and <device>
      Then she is logged in to QPP.CMS.GOV with <device>

      Examples: the four devices
        | device               |
        | text messages        |
        | voice calls          |
        | Google Authenticator |
        | Okta Verify          |

    @step:log-in-1
    Scenario: A wrong password does not log in
      Given Priya Shah has a HARP account with text messages set up
      When she logs in with the password "quality payment 2025"
      Then she is told "The User ID or password is incorrect."
      And she is not logged in

    @step:log-in-1
    Scenario: A User ID HARP does not know gets the same message
      Given Priya Shah has a HARP account with text messages set up
      When she logs in as "PriyaShah2" with her password
      Then she is told "The User ID or password is incorrect."
      And she is not logged in

    @step:log-in-1
    Scenario: An account whose identity is not proofed does not log in
      Given Priya Shah has a HARP account
      When she logs in with her User ID and password
      Then she is told "Your identity has not been verified yet. Please complete identity proofing before you log in."
      And she is not logged in

  Rule: Once a device is set up, logging in requires it
    The password alone never logs in: with no device the log-in goes on to
    adding one; with one, to choosing it.

    @step:rules-8
    Scenario: The password alone asks for the device set up
      Given Priya Shah has a HARP account with text messages set up
      When she logs in with her User ID and password
      Then she is asked to choose text messages for the second factor

    @step:rules-8
    Scenario: A code without a device chosen does not log in
      Given Priya Shah has a HARP account with text messages set up
      When she logs in with her User ID and password
      And she enters a code without choosing a device
      Then she is told "Please choose a device first."
      And she is not logged in

    @step:rules-8
    Scenario: A removed device no longer logs in
      Given Priya Shah has a HARP account with text messages and Google Authenticator set up
      When she removes text messages
      And she logs in with her User ID and password and chooses text messages
      Then she is told "That device could not be found."
      And she is not logged in
