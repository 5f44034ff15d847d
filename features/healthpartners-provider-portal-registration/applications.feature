@guide:healthpartners-provider-portal-registration
Feature: Applications: Remittance Inquiry for every account
  "HINT: If you are looking for check detail or EOB information, use the
  default “Remittance Inquiry” application."

  Where the guide is silent we chose: every account, the delegate's and any
  account a delegate creates, has Remittance Inquiry from the start and keeps
  it: it cannot be revoked. Only a delegate grants or revokes an account's
  applications. The guide names no other application, so HealthPartners
  offers Remittance Inquiry alone: any other application is refused as not
  available. Granting an application an account already holds succeeds and
  changes nothing.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name             | Tax ID     | NPI        | address of record                    |
      | BWD30001 | Birchwood Dental | 41-7654321 | 1982736450 | 400 E Lake St, Minneapolis, MN 55408 |
    And HealthPartners issued these checks:
      | check #  | Tax ID     | NPI        | amount | issued on  |
      | 20261342 | 41-7654321 | 1982736450 | 310.40 | 2026-11-06 |
    And Olivia Hart is the signed-in delegate of the billing organization "Northstar Billing Services"
    And Olivia has created a staff account for Ben Carter

  Rule: Remittance Inquiry is every account's default application
    "use the default “Remittance Inquiry” application"

    @step:provider-10b @step:rules-8
    Scenario: A provider's delegate finds check detail and EOB information in Remittance Inquiry
      Given Hannah Berg is the signed-in delegate of the provider "Birchwood Dental"
      Then Hannah can use only "Remittance Inquiry"

    @step:provider-10b @step:rules-8
    Scenario: Every new account starts with Remittance Inquiry
      When Olivia creates a delegate account for Chloe Nguyen
      Then Olivia's organization has these accounts:
        | name         | role     | applications       |
        | Olivia Hart  | delegate | Remittance Inquiry |
        | Ben Carter   | staff    | Remittance Inquiry |
        | Chloe Nguyen | delegate | Remittance Inquiry |

    @step:provider-10b @step:rules-8
    Scenario: Staff use Remittance Inquiry too
      Given Ben has set up his new account
      Then Ben can use "Remittance Inquiry"

    @step:provider-10b @step:rules-8
    Scenario: Remittance Inquiry cannot be revoked
      When Olivia revokes "Remittance Inquiry" from Ben Carter
      Then she is told "Remittance Inquiry is every account’s default application."
      And Olivia's organization has these accounts:
        | name        | applications       |
        | Olivia Hart | Remittance Inquiry |
        | Ben Carter  | Remittance Inquiry |

    @step:provider-10b @step:rules-8
    Scenario: Not even from the delegate's own account
      When Olivia revokes "Remittance Inquiry" from her own account
      Then she is told "Remittance Inquiry is every account’s default application."

  Rule: Only delegates grant and revoke applications
    A delegate maintains the accounts of the organization's staff, their
    applications included.

    @step:rules-8
    Scenario: Granting an application the account already holds changes nothing
      When Olivia grants "Remittance Inquiry" to Ben Carter
      Then Olivia's organization has these accounts:
        | name        | applications       |
        | Olivia Hart | Remittance Inquiry |
        | Ben Carter  | Remittance Inquiry |

    @step:rules-8
    Scenario: Staff cannot grant applications
      Given Ben has set up his new account
      When Ben grants "Remittance Inquiry" to Olivia
      Then he is told "Only a delegate can do this. Please contact your delegate."

    @step:rules-8
    Scenario: Staff cannot revoke applications
      Given Ben has set up his new account
      When Ben revokes "Remittance Inquiry" from Olivia
      Then he is told "Only a delegate can do this. Please contact your delegate."

    @step:rules-8
    Scenario Outline: An application HealthPartners does not offer is refused
      When Olivia <changes> "<application>" <to> Ben Carter
      Then she is told "That application is not available."

      Examples: applications the guide does not name
        | changes | application           | to   |
        | grants  | Claims Status Inquiry | to   |
        | grants  | Eligibility Lookup    | to   |
        | revokes | Claims Status Inquiry | from |
