@guide:healthpartners-provider-portal-registration
Feature: The registration confirmation, logging on, and the terms of use
  Provider path: "8. Your registration confirmation will display; click log
  on to enter your username and password. 9. Accept Provider Portal Terms of
  Use, and accept Delegate/Site Administrator Terms of Use. 10.
  Congratulations! You are ready to begin navigating and accessing
  HealthPartners secure provider site." Billing organization path: "6. Your
  registration confirmation will display; click Sign in to enter your
  username and password. 7. Accept Provider Portal Terms of Use, and
  Delegate/Site Administrator Terms of Use."

  Where the guide is silent we chose: the confirmation names the
  organization and the username and says how to go on, in each path's words
  ("Log on", "Sign in"). The person who registers is the organization's
  first delegate, so she accepts both documents; nothing else on the site
  works until every document outstanding is accepted, and the refusal names
  what is outstanding. Each acceptance is recorded with the document's
  version and the time. The version in force today is 2026.1 of each; when
  HealthPartners publishes a new version, it is asked for again, and only the
  version in force can be accepted. A wrong username or password gets one
  message that never says which was wrong. Ready means: no terms outstanding,
  no PIN awaited, and the default application, Remittance Inquiry, at hand.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                   |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108 |
    And HealthPartners issued these checks:
      | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
      | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
    And Grace Okafor works for "Lakeside Family Clinic"

  Rule: The confirmation displays, and the person logs on with her username and password
    "Your registration confirmation will display; click log on to enter your
    username and password."

    @step:provider-8
    Scenario: Grace's registration confirmation
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account
      Then Grace's registration confirmation reads:
        | Organization | Lakeside Family Clinic |
        | Username     | GraceOkafor            |
      And Grace's registration confirmation says "Your registration is complete. Click Log on to enter your username and password."

    @step:provider-8
    Scenario: Grace logs on as her clinic's delegate
      Given Grace has registered her provider
      When she logs on with her username and password
      Then she is signed in as the delegate of "Lakeside Family Clinic"

    @step:provider-8
    Scenario: A wrong password does not say which field was wrong
      Given Grace has registered her provider
      When Grace signs in with the password "lakes and loons in july"
      Then she is told "The username or password is incorrect."
      And she is not signed in

  Rule: On the billing path the confirmation says to Sign in
    "Your registration confirmation will display; click Sign in to enter your
    username and password."

    @step:billing-6
    Scenario: Priya's registration confirmation
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has named her billing organization
      And she has given her contact information
      When she creates her account
      Then Priya's registration confirmation says "Your registration is complete. Click Sign in to enter your username and password."

    @step:billing-6
    Scenario: Priya signs in as her billing organization's delegate
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has registered her billing organization
      When she logs on with her username and password
      Then she is signed in as the delegate of "Northstar Billing Services"

    @step:billing-6
    Scenario: Priya's username in another spelling is not hers
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has registered her billing organization
      When someone signs in as "Priya.Shah" with the password "lakes and loons in june"
      Then they are told "The username or password is incorrect."

  Rule: The registrant accepts the Provider Portal Terms of Use and the Delegate/Site Administrator Terms of Use
    "Accept Provider Portal Terms of Use, and accept Delegate/Site
    Administrator Terms of Use."

    @step:provider-9
    Scenario: After logging on, Grace is asked to accept both
      Given Grace has registered her provider
      And she has logged on to the secure provider site
      Then she is asked to accept:
        | Provider Portal Terms of Use             | 2026.1 |
        | Delegate/Site Administrator Terms of Use | 2026.1 |

    @step:provider-9 @step:provider-10
    Scenario: Grace accepts both, and is ready
      Given Grace has registered her provider
      And she has logged on to the secure provider site
      When she accepts the Provider Portal Terms of Use
      And she accepts the Delegate/Site Administrator Terms of Use
      Then she is ready to use the HealthPartners secure provider site

    @step:provider-9
    Scenario: The Provider Portal Terms of Use alone are not enough for a delegate
      Given Grace has registered her provider
      And she has logged on to the secure provider site
      And she accepts the Provider Portal Terms of Use
      When Grace creates a staff account for Daniel Reyes
      Then she is told "Please accept the Delegate/Site Administrator Terms of Use."

    @step:billing-7
    Scenario: Priya accepts both, and is ready
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has registered her billing organization
      And she has logged on to the secure provider site
      When she accepts the terms of use
      Then she is ready to use the HealthPartners secure provider site

    @step:billing-7
    Scenario: Priya, before accepting the terms, can do nothing else
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has registered her billing organization
      And she has logged on to the secure provider site
      When Priya creates a staff account for Omar Haddad
      Then she is told "Please accept the Provider Portal Terms of Use and the Delegate/Site Administrator Terms of Use."

  Rule: Congratulations: the registrant is ready to navigate the secure provider site
    "Congratulations! You are ready to begin navigating and accessing
    HealthPartners secure provider site."

    @step:provider-10
    Scenario: Ready, Grace creates her colleague's account
      Given Grace is signed in to the HealthPartners secure provider site
      When Grace creates a staff account for Daniel Reyes
      Then Daniel receives an e-mail with a temporary password

    @step:provider-10 @step:provider-9
    Scenario: Before the terms are accepted, nothing else works
      Given Grace has registered her provider
      And she has logged on to the secure provider site
      When Grace creates a staff account for Daniel Reyes
      Then she is told "Please accept the Provider Portal Terms of Use and the Delegate/Site Administrator Terms of Use."

  Rule: An acceptance is recorded with the version and the time; a new version asks again
    The issue: "Terms acceptance is recorded with the version and time; a new
    version asks again; nothing else works until accepted."

    @step:rules-6
    Scenario: Grace's acceptance is recorded with its version and time
      Given Grace has registered her provider
      And she has logged on to the secure provider site
      When 2 hours pass
      And she accepts the Provider Portal Terms of Use
      Then Grace's acceptance of the Provider Portal Terms of Use is recorded as version "2026.1" on "November 22, 2026 at 11:00 AM"

    @step:rules-6
    Scenario: A new version of the Provider Portal Terms of Use is asked for again
      Given Grace is signed in to the HealthPartners secure provider site
      When HealthPartners publishes version "2027.1" of the Provider Portal Terms of Use
      Then she is asked to accept:
        | Provider Portal Terms of Use | 2027.1 |

    @step:rules-6
    Scenario: Until the new version is accepted, nothing else works
      Given Grace is signed in to the HealthPartners secure provider site
      And HealthPartners publishes version "2027.1" of the Provider Portal Terms of Use
      When Grace creates a staff account for Daniel Reyes
      Then she is told "Please accept the Provider Portal Terms of Use."

    @step:rules-6
    Scenario: Only the version in force can be accepted
      Given Grace is signed in to the HealthPartners secure provider site
      And HealthPartners publishes version "2027.1" of the Provider Portal Terms of Use
      When she accepts version "2026.1" of the Provider Portal Terms of Use
      Then she is told "These terms of use have been updated. Please review and accept the current version."

    @step:rules-6
    Scenario: Grace accepts the new version, and it is recorded
      Given Grace is signed in to the HealthPartners secure provider site
      And HealthPartners publishes version "2027.1" of the Provider Portal Terms of Use
      And 30 days pass
      When she accepts the Provider Portal Terms of Use
      Then Grace's acceptance of the Provider Portal Terms of Use is recorded as version "2027.1" on "December 22, 2026 at 9:00 AM"
