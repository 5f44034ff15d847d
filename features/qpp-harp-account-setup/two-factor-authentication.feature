@guide:qpp-harp-account-setup
Feature: Set up Two-Factor Authentication
  "Enter new User ID and Password, add device from drop-down options
  including SMS, Voice, Google Authenticator, Okta Verify"

  Where the guide is silent we chose: two factors are required of everyone,
  so the first log-in with the new User ID and password goes on to adding a
  device, and the device confirmed logs the person in; adding a device again
  at a later first log-in replaces one of its kind left unconfirmed. SMS and Voice send a
  6-digit code to the phone (a text is valid 5 minutes, a call 10; HARP
  allows 5 texts or 3 calls an hour to a phone). Google Authenticator scans
  an otpauth:// key URI and shows TOTP codes (RFC 6238: SHA-1, 6 digits,
  30 seconds) a step either side of the server's clock. Okta Verify gets a
  push the person approves, within 2 minutes, by typing the number the log-in
  page shows; the push itself never carries that number, and after 3 pushes
  not approved in 15 minutes no more are sent for a while.

  Rule: The first log-in adds a device, and the device confirmed logs in

    @step:two-factor-1
    Scenario Outline: Priya adds <device> at her first log-in
      Given Priya Shah has a HARP account with her identity proofed
      When she logs in with her User ID and password
      Then she is asked to add a device
      When she adds <device> and confirms it
      Then she is logged in to QPP.CMS.GOV with <device>

      Examples: the drop-down's four devices
        | device               |
        | text messages        |
        | voice calls          |
        | Google Authenticator |
        | Okta Verify          |

    @step:two-factor-1
    Scenario: A device not yet confirmed does not log in
      Given Priya Shah has a HARP account with her identity proofed
      When she logs in with her User ID and password
      And she adds text messages and enters a wrong code
      Then she is told "That code is not correct. Please check it and try again."
      And she is not logged in

    @step:two-factor-1
    Scenario Outline: A device added but never confirmed is added again at the next log-in: <device>
      Given Priya Shah has a HARP account with her identity proofed
      And she added <device> at a first log-in but never confirmed it
      When she logs in with her User ID and password
      And she adds <device> and confirms it
      Then she is logged in to QPP.CMS.GOV with <device>

      Examples:
        | device               |
        | text messages        |
        | Google Authenticator |
        | Okta Verify          |

  Rule: SMS and voice codes have at least 6 digits, are valid at most 10 minutes, are used once, and their sends are limited

    @step:rules-5
    Scenario Outline: The code sent by <device> has 6 digits and logs in
      Given Priya Shah has a HARP account with <device> set up
      When she logs in with her User ID and password and chooses <device>
      And she enters the code <device> gave her
      Then the code <device> gave her has 6 digits
      And she is logged in to QPP.CMS.GOV with <device>

      Examples:
        | device        |
        | text messages |
        | voice calls   |

    @step:rules-5
    Scenario Outline: A code from <device> is refused after <wait>
      Given Priya Shah has a HARP account with <device> set up
      When she logs in with her User ID and password and chooses <device>
      And <wait> pass
      And she enters the code <device> gave her
      Then she is told "That code has expired. Please ask for a new one."

      Examples:
        | device        | wait       |
        | text messages | 10 minutes |
        | voice calls   | 11 minutes |

    @step:rules-5
    Scenario: A texted code is accepted once
      Given Priya Shah has a HARP account with text messages set up
      And she has also begun logging in in a second window, choosing text messages
      When she logs in with her User ID, password and text messages
      And she enters the same code again in the second window
      Then she is told "That code was already used. Please ask for a new one."

    @step:rules-5
    Scenario: A code sent again logs in
      Given Priya Shah has a HARP account with text messages set up
      When she logs in with her User ID and password and chooses text messages
      And she asks the log-in page to send the code again 1 time
      And she enters the code text messages gave her
      Then she is logged in to QPP.CMS.GOV with text messages

    @step:rules-5
    Scenario Outline: Sends to a phone are limited: <device>
      Given Priya Shah has a HARP account with <device> set up
      When she logs in with her User ID and password and chooses <device>
      And she asks the log-in page to send the code again <more> times
      Then she is told "Too many codes were sent to this phone. Please wait before asking for another."

      Examples: the first code, the log-in's, and the resends: one more than the hour allows
        | device        | more |
        | text messages | 4    |
        | voice calls   | 2    |

  Rule: Google Authenticator's codes follow RFC 6238, one step of drift, each accepted once

    @step:rules-6
    Scenario: Google Authenticator scans the key URI and its code logs in
      Given Priya Shah has a HARP account with her identity proofed
      When she logs in with her User ID and password
      And she adds Google Authenticator and enters the code it shows 10 seconds later
      Then the key URI Google Authenticator scanned names "HARP" and her User ID
      And she is logged in to QPP.CMS.GOV with Google Authenticator

    @step:rules-6
    Scenario: The same code is not accepted twice
      Given Priya Shah has a HARP account with Google Authenticator set up
      And she logs in with her User ID, password and Google Authenticator
      When she logs in again with the same Google Authenticator code
      Then she is told "That code was already used. Wait for Google Authenticator to show a new one."

    @step:rules-6
    Scenario: The same code entered in two windows at the same moment logs in only one
      Given Priya Shah has a HARP account with Google Authenticator set up
      And she logs in with her User ID and password and chooses Google Authenticator
      And she has also begun logging in in a second window, choosing Google Authenticator
      When she enters the same Google Authenticator code in both windows at the same moment
      Then exactly one window is logged in and the other is refused the code as used

    @step:rules-6
    Scenario: A code one step old is accepted
      Given Priya Shah has a HARP account with Google Authenticator set up
      When she logs in with her User ID and password and chooses Google Authenticator
      And she enters the code Google Authenticator showed 30 seconds ago
      Then she is logged in to QPP.CMS.GOV with Google Authenticator

    @step:rules-6
    Scenario: A code two steps old is refused
      Given Priya Shah has a HARP account with Google Authenticator set up
      When she logs in with her User ID and password and chooses Google Authenticator
      And she enters the code Google Authenticator showed 60 seconds ago
      Then she is told "That code is not correct. Enter the code Google Authenticator shows now."
      And she is not logged in

    @step:rules-6
    Scenario Outline: A phone clock 30 seconds <way> still logs in
      Given Priya Shah has a HARP account with Google Authenticator set up
      And her phone clock is 30 seconds <way>
      When she logs in with her User ID and password and chooses Google Authenticator
      And she enters the code Google Authenticator gave her
      Then she is logged in to QPP.CMS.GOV with Google Authenticator

      Examples: one step of drift either side
        | way  |
        | fast |
        | slow |

    @step:rules-6
    Scenario: A phone clock 60 seconds fast does not log in
      Given Priya Shah has a HARP account with Google Authenticator set up
      And her phone clock is 60 seconds fast
      When she logs in with her User ID and password and chooses Google Authenticator
      And she enters the code Google Authenticator gave her
      Then she is told "That code is not correct. Enter the code Google Authenticator shows now."

  Rule: Okta Verify's push is approved with the number the log-in page shows

    @step:rules-7
    Scenario: The push approved with the number shown logs in
      Given Priya Shah has a HARP account with Okta Verify set up
      When she logs in with her User ID and password and chooses Okta Verify
      And she approves the push in Okta Verify with the number the log-in page shows
      Then she is logged in to QPP.CMS.GOV with Okta Verify
      And the push Okta Verify received does not show the number

    @step:rules-7
    Scenario: A push approved with another number does not log in
      Given Priya Shah has a HARP account with Okta Verify set up
      When she logs in with her User ID and password and chooses Okta Verify
      And she approves the push in Okta Verify with another number
      Then she is told "The number did not match the one on the log-in page."
      And she is not logged in

    @step:rules-7
    Scenario: A denied push does not log in
      Given Priya Shah has a HARP account with Okta Verify set up
      When she logs in with her User ID and password and chooses Okta Verify
      And she denies the push in Okta Verify
      Then she is told "The request was denied on your device."
      And she is not logged in

    @step:rules-7
    Scenario: A push approved after 2 minutes does not log in
      Given Priya Shah has a HARP account with Okta Verify set up
      When she logs in with her User ID and password and chooses Okta Verify
      And 3 minutes pass
      And she approves the push in Okta Verify with the number the log-in page shows
      Then she is told "The request expired. Please log in again."

    @step:rules-7
    Scenario: Too many pushes not approved stop further pushes
      Given Priya Shah has a HARP account with Okta Verify set up
      And she has denied 3 Okta Verify pushes
      When she logs in with her User ID and password and chooses Okta Verify
      Then she is told "Too many requests were not approved. Please wait or choose another device."
      And she is not logged in

  Rule: Devices are added and removed, never the last one

    @step:rules-8
    Scenario: A device is removed while another remains
      Given Priya Shah has a HARP account with text messages and Google Authenticator set up
      When she removes text messages
      Then Priya's devices are Google Authenticator
      When she logs in with her User ID and password
      Then she is asked to choose Google Authenticator for the second factor

    @step:rules-8
    Scenario: The last device is not removed
      Given Priya Shah has a HARP account with Okta Verify set up
      When she removes Okta Verify
      Then she is told "You cannot remove your only device. Please add another device first."
      And Priya's devices are Okta Verify

    @step:rules-8
    Scenario: A device added after logging in joins the list
      Given Priya Shah has a HARP account with voice calls set up
      When she adds Google Authenticator and confirms it
      Then Priya's devices are voice calls and Google Authenticator
