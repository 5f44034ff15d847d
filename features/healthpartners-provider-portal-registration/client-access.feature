@guide:healthpartners-provider-portal-registration
Feature: A billing organization asks its clients for access
  "No need for multiple logins under all your provider's accounts. Access all
  of your business under your corporation's account." "Have your
  organization's Tax id ready and contact information for each provider
  group you need to access." Then, after registering and accepting the terms
  of use: "8. Add the provider group (your clients) you wish to request
  access for by entering the client's Tax ID and a HealthPartners issued
  check. 9. Select the provider group/client and continue. 10. Enter the
  provider's/clients contact information (not your billing service/third
  party information). An email will be sent to the provider group/client
  contact to authorize your access in one simple step. ... Once the
  provider/client responds to the request, you will have immediate access.
  11. Congratulations! You are ready to begin accessing your client's data."

  Where the guide is silent we chose: the client is found by its Tax ID and
  the number of a check HealthPartners issued under it (the NPI is not
  asked); when they do not match, the message says so without naming which
  one was wrong. Every provider group under that Tax ID is listed to select
  from, with its address of record as a hint; nothing outside that list can
  be selected. The contact must be the client's: a person with an account at
  the billing organization is refused, or the billing organization could
  approve its own request. The e-mail goes to the contact the moment the
  request is made, with one link to approve and one to refuse. Access
  begins the moment the contact approves and belongs to the billing
  organization: every account of it reaches the client's data, and no other
  organization's does. One request per client is live at a time.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                | Tax ID     | NPI        | address of record                                   |
      | LFC20001 | Lakes Family Clinic | 41-6012345 | 1548720360 | 2550 University Ave W, Saint Paul, MN 55114         |
      | LFC20002 | Lakes Pediatrics    | 41-6012345 | 1645398201 | 8325 Tamarack Village, Suite 110, Woodbury, MN 55125 |
      | BWD30001 | Birchwood Dental    | 41-7654321 | 1982736450 | 400 E Lake St, Minneapolis, MN 55408                |
    And HealthPartners issued these checks:
      | check #  | Tax ID     | NPI        | amount  | issued on  |
      | 20261187 | 41-6012345 | 1548720360 | 1250.00 | 2026-10-30 |
      | 20261342 | 41-7654321 | 1982736450 | 310.40  | 2026-11-06 |
    And Olivia Hart is the signed-in delegate of the billing organization "Northstar Billing Services"

  Rule: The client is added by its Tax ID and a HealthPartners issued check
    "Add the provider group (your clients) you wish to request access for by
    entering the client's Tax ID and a HealthPartners issued check."

    @step:billing-8 @step:billing-intro-2
    Scenario: Olivia finds her client's provider groups
      When Olivia looks up the client with Tax ID "41-6012345" and check # "20261187"
      Then she may select from these provider groups:
        | provider group      | address                                              |
        | Lakes Family Clinic | 2550 University Ave W, Saint Paul, MN 55114          |
        | Lakes Pediatrics    | 8325 Tamarack Village, Suite 110, Woodbury, MN 55125 |

    @step:billing-8 @step:rules-2
    Scenario Outline: A Tax ID and check that do not match name no field
      When Olivia looks up the client with Tax ID "<Tax ID>" and check # "<check #>"
      Then she is told "We could not match this Tax ID and check # to a check HealthPartners issued. Please enter them as printed on the check."
      And no field is singled out

      Examples: mismatches
        | what                            | Tax ID     | check #  |
        | a check number never issued     | 41-6012345 | 20261188 |
        | another client's check          | 41-6012345 | 20261342 |
        | a Tax ID with no check          | 41-6099999 | 20261187 |

    @step:billing-8
    Scenario: A provider's account does not ask for clients
      Given Hannah Berg is the signed-in delegate of the provider "Birchwood Dental"
      When Hannah looks up the client with Tax ID "41-6012345" and check # "20261187"
      Then she is told "Only billing organizations request access to clients."

  Rule: The billing organization selects the provider group
    "Select the provider group/client and continue."

    @step:billing-9
    Scenario: Olivia selects one of the client's provider groups
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Pediatrics", naming Maria Lopez as the client's contact
      Then Olivia's clients read:
        | client           | contact     | access                |
        | Lakes Pediatrics | Maria Lopez | waiting for an answer |

    @step:billing-9
    Scenario: A provider group that was not listed cannot be selected
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Birchwood Dental", naming Maria Lopez as the client's contact
      Then she is told "Provider must be one of the groups listed."
      And Maria receives no e-mail

  Rule: The contact is the client's, and is e-mailed to authorize the access in one step
    "Enter the provider's/clients contact information (not your billing
    service/third party information). An email will be sent to the provider
    group/client contact to authorize your access in one simple step."

    @step:billing-10 @step:billing-intro-2
    Scenario: Maria, the clinic's contact, is asked to authorize Northstar's access
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      Then Maria receives a request from "Northstar Billing Services" for access to "Lakes Family Clinic"
      And the e-mail is addressed to Maria at "maria.lopez@lakesfc.com"

    @step:billing-10
    Scenario: The billing organization cannot name itself as the client's contact
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Family Clinic", naming herself as the client's contact
      Then she is told "Please enter your client's contact, not someone at your billing organization."
      And Olivia receives no request for access

    @step:billing-10
    Scenario: Nor one of its own staff
      Given Olivia has created a staff account for Ben Carter
      And Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Family Clinic", naming Ben Carter as the client's contact
      Then she is told "Please enter your client's contact, not someone at your billing organization."
      And Ben receives no request for access

    @step:billing-10 @step:billing-intro-2 @step:billing-10a
    Scenario: Without the contact's e-mail address nothing is sent
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact but leaving out her e-mail address
      Then she is told "Please enter your client contact's e-mail address."
      And Maria receives no e-mail

  Rule: The request e-mail is sent to the client contact immediately
    "Email requests are sent to the provider/client contact immediately."

    @step:billing-10a
    Scenario: The e-mail is in Maria's inbox the moment Olivia asks
      Given Olivia has looked up the client with Tax ID "41-6012345" and check # "20261187"
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      Then Maria receives a request from "Northstar Billing Services" for access to "Lakes Family Clinic"
      And the e-mail says "This request expires on November 29, 2026 at 9:00 AM EST. Each link works once."

  Rule: The client contact can be asked to watch for the request
    "For quicker response, you can ask your client contact to watch for the request."

    @step:billing-10b
    Scenario: Olivia sees what to tell Maria to watch for
      Given Olivia has asked Maria Lopez of "Lakes Family Clinic" for access
      Then Olivia sees these requests waiting for an answer:
        | client              | contact     | e-mail address          | sent on                        | expires on                     |
        | Lakes Family Clinic | Maria Lopez | maria.lopez@lakesfc.com | November 22, 2026 at 9:00 AM | November 29, 2026 at 9:00 AM |
      And Maria receives a request from "Northstar Billing Services" for access to "Lakes Family Clinic"
      And the e-mail is titled "Northstar Billing Services asks for access to Lakes Family Clinic on HealthPartners"

    @step:billing-10b
    Scenario: While Maria has the request, a second one is not sent
      Given Olivia has asked Maria Lopez of "Lakes Family Clinic" for access
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      Then she is told "A request for this client is waiting for the client contact’s answer."

  Rule: Once the client responds, the billing organization has immediate access
    "Once the provider/client responds to the request, you will have
    immediate access." "Congratulations! You are ready to begin accessing
    your client's data on HealthPartners secure provider site"

    @step:billing-10c @step:billing-11
    Scenario: Olivia opens the clinic's data the moment Maria approves
      Given Olivia has asked Maria Lopez of "Lakes Family Clinic" for access
      And Maria has approved the request through the link in her e-mail
      When Olivia opens the data of "Lakes Family Clinic"
      Then she sees the data of "Lakes Family Clinic"

    @step:billing-10c @step:billing-11
    Scenario: Before Maria answers, the clinic's data stays closed
      Given Olivia has asked Maria Lopez of "Lakes Family Clinic" for access
      When Olivia opens the data of "Lakes Family Clinic"
      Then she is told "You do not have access to this client yet. Request access first."

    @step:billing-11
    Scenario: A client that never was asked stays closed
      When Olivia opens the data of "Birchwood Dental"
      Then she is told "You do not have access to this client yet. Request access first."

    @step:billing-11
    Scenario: Asking again once access is in force
      Given Olivia has access to "Lakes Family Clinic", approved by Maria Lopez
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      Then she is told "You already have access to this client."

  Rule: All of the business is under the corporation's account
    "No need for multiple logins under all your provider's accounts. Access
    all of your business under your corporation's account."

    @step:billing-intro-1
    Scenario: One organization's account reaches every client that approved
      Given Olivia has access to "Lakes Family Clinic", approved by Maria Lopez
      And Olivia has access to "Birchwood Dental", approved by Samuel Ortiz
      Then Olivia's clients read:
        | client              | contact      | access   |
        | Lakes Family Clinic | Maria Lopez  | in force |
        | Birchwood Dental    | Samuel Ortiz | in force |

    @step:billing-intro-1
    Scenario: Every account of the billing organization reaches the client
      Given Olivia has access to "Lakes Family Clinic", approved by Maria Lopez
      And Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Ben opens the data of "Lakes Family Clinic"
      Then he sees the data of "Lakes Family Clinic"

    @step:billing-intro-1
    Scenario: Another billing organization's account does not
      Given Olivia has access to "Lakes Family Clinic", approved by Maria Lopez
      And Priya Shah is the signed-in delegate of the billing organization "Prairie Claims Partners"
      When Priya opens the data of "Lakes Family Clinic"
      Then she is told "You do not have access to this client yet. Request access first."
