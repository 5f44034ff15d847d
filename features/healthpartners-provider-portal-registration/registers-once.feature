@guide:healthpartners-provider-portal-registration
Feature: An organization registers one time
  "Before starting the HealthPartners Provider portal registration process,
  please note: Your organization needs to be registered one time." The
  first person to register becomes the organization's delegate; everyone
  after is given an account by a delegate.

  Where the guide is silent we chose: a provider organization is one
  provider on HealthPartners' records under its Tax ID, whichever path
  registers it (Tax ID/NPI, Tax ID/Vendor# or US Mail); a billing
  organization is its Tax ID. A second registration is refused as soon as the
  provider is selected (on the billing path, as soon as the organization is
  named), and again when the account is created, should two people register
  the same organization at the same time: the first to finish is its
  delegate. The refusal says to ask the organization's delegate and never
  who that is: not the delegate's name, e-mail address, username or phone.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                   |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108 |
    And HealthPartners issued these checks:
      | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
      | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
    And Grace Okafor works for "Lakeside Family Clinic"
    And Daniel Reyes also works for "Lakeside Family Clinic"

  Rule: The organization registers one time, and its first person is its delegate
    "Your organization needs to be registered one time."

    @step:intro-1
    Scenario: Grace registers the clinic, and is its delegate
      Given Grace has registered her provider
      When Grace logs on with her username and password
      Then she is signed in as the delegate of "Lakeside Family Clinic"

    @step:intro-1
    Scenario: Daniel cannot register the clinic a second time
      Given Grace has registered her provider
      And Daniel has chosen the Tax ID/NPI path
      When he selects his provider
      Then he is told "Your organization is already registered. Please contact your delegate to create your account."

    @step:intro-1
    Scenario: Once registered, the clinic's staff come in through its delegate
      Given Grace is signed in to the HealthPartners secure provider site
      When Grace creates a staff account for Daniel
      Then Daniel receives an e-mail with a temporary password

  Rule: A second registration is refused and told to ask the delegate, without saying who that is
    The issue: "A second registration of the same organisation is refused
    and told to ask the organisation's delegate, without saying who that is."

    @step:rules-1
    Scenario Outline: A second registration by the <path> path names nobody
      Given Grace has registered her provider
      And Daniel has chosen the <path> path
      When he selects his provider
      Then he is told "Your organization is already registered. Please contact your delegate to create your account."
      And the refusal does not name Grace

      Examples:
        | path           |
        | Tax ID/NPI     |
        | Tax ID/Vendor# |
        | US Mail        |

    @step:rules-1
    Scenario: A second registration of a billing organization names nobody
      Given Priya Shah has registered "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Omar Haddad also works for "Northstar Billing Services"
      When Omar names his billing organization
      Then he is told "Your organization is already registered. Please contact your delegate to create your account."
      And the refusal does not name Priya

    @step:rules-1
    Scenario: Two registrations at once: the first to finish is the delegate
      Given Daniel has selected his provider
      And he has given his contact information
      And Grace has registered her provider
      When Daniel creates his account
      Then he is told "Your organization is already registered. Please contact your delegate to create your account."

    @step:rules-1
    Scenario: The delegate Daniel is told to ask for gives him his account
      Given Grace is signed in to the HealthPartners secure provider site
      When Grace creates a staff account for Daniel
      And Daniel logs on with his temporary password
      Then he is signed in and must choose a password of his own
