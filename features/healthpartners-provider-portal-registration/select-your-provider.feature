@guide:healthpartners-provider-portal-registration
Feature: Provider step 5 – select your provider name and continue
  "5. Select your provider name and continue. HINT: The address displayed is
  a guide to select the correct provider (if more than one is available). An
  outdated address will not impact your registration or claims. If you do
  not recognize the provider information presented, you have the option to
  select “My provider is not listed”. This will redirect you to a form that
  routes to Provider e-Services, and someone will contact you to assist."

  Where the guide is silent we chose: the providers listed are those on
  HealthPartners' records under the Tax ID with the NPI or vendor # typed,
  each with its address of record on one line (none when the records have
  none); on the US Mail path only those with an address of record are
  listed, since the PIN is mailed there. The provider selected must be one
  of those listed. A registration session lasts 1 hour from step 4: after
  that the person starts again. "My provider is not listed" asks for the
  person's own name and e-mail address (a phone number is optional), the
  organization's name and, if she likes, up to 1,000 characters of details;
  Provider e-Services receives them with the Tax ID's last four digits only,
  and the person is given a reference.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                         |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108       |
      | LFC0002  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2041  | 1850 Lexington Ave N, Roseville, MN 55113 |
      | NWO0001  | Amara Nwosu MD         | 41-2223334 | 1456789019 | ANW3300  | 600 Nicollet Mall, Minneapolis, MN 55402  |
    And HealthPartners issued these checks:
      | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
      | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
    And Grace Okafor works for "Lakeside Family Clinic"

  Rule: The person selects her provider's name among those listed, and continues
    "Select your provider name and continue."

    @step:provider-5
    Scenario: Grace selects her clinic among its two locations
      When Grace chooses the Tax ID/NPI path
      Then she is asked to select her provider from:
        | name                   | address                                   |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108       |
        | Lakeside Family Clinic | 1850 Lexington Ave N, Roseville, MN 55113 |
      When she selects "Lakeside Family Clinic" at "2500 Como Ave, Saint Paul, MN 55108"
      Then she may go on to give her contact information

    @step:provider-5
    Scenario: A provider that was not listed cannot be selected
      Given Grace has chosen the Tax ID/NPI path
      When she selects the provider "Amara Nwosu MD"
      Then she is told "Provider must be one of the providers listed."

    @step:provider-5
    Scenario: Grace goes back and selects the other location
      Given Grace has selected her provider
      When she selects "Lakeside Family Clinic" at "1850 Lexington Ave N, Roseville, MN 55113"
      Then she may go on to give her contact information

    @step:provider-5
    Scenario: A registration session lasts one hour
      Given Grace has chosen the Tax ID/NPI path
      When 61 minutes pass
      And she selects her provider
      Then she is told "Your session has expired. Please start again."

  Rule: The address displayed is a guide; an outdated address does not impact the registration
    "The address displayed is a guide to select the correct provider (if
    more than one is available). An outdated address will not impact your
    registration or claims."

    @step:provider-5a
    Scenario: The address of record is shown as a guide
      When Grace chooses the Tax ID/Vendor# path
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |
      And the page under the providers hints "The address displayed is a guide to select the correct provider. An outdated address will not impact your registration or claims."

    @step:provider-5a
    Scenario: Grace's clinic has moved, and registers at the outdated address all the same
      Given Grace has chosen the Tax ID/NPI path
      When she selects "Lakeside Family Clinic" at "2500 Como Ave, Saint Paul, MN 55108"
      And she gives her contact information
      And she creates her account
      Then Grace's registration confirmation says "Your registration is complete. Click Log on to enter your username and password."

    @step:provider-5a
    Scenario: A provider without an address on file is listed without one
      Given HealthPartners' records no longer give an address of record for "Lakeside Family Clinic"
      When Grace chooses the Tax ID/NPI path
      Then she is asked to select her provider from:
        | name                   | address |
        | Lakeside Family Clinic |         |
        | Lakeside Family Clinic |         |

    @step:provider-5a
    Scenario: On the US Mail path the PIN needs an address of record, whatever was displayed
      Given Grace has selected her provider on the US Mail path
      And she has given her contact information
      And HealthPartners' records no longer give an address of record for "Lakeside Family Clinic"
      When she creates her account
      Then she is told "We do not have an address of record for this provider. Please choose “My provider is not listed”."

  Rule: "My provider is not listed" routes to Provider e-Services, and someone contacts the person
    "If you do not recognize the provider information presented, you have
    the option to select “My provider is not listed”. This will redirect you
    to a form that routes to Provider e-Services, and someone will contact
    you to assist."

    @step:provider-5b
    Scenario: Grace does not recognize the providers listed
      Given Grace has chosen the Tax ID/NPI path
      When she says her provider is not listed, explaining "We opened a second site in Roseville this fall."
      Then she is told Provider e-Services will be in touch: "Thank you. Provider e-Services will contact you to assist. Your reference is ES-000001."
      And Provider e-Services has a request to contact Grace about "Lakeside Family Clinic"
      And the request carries the Tax ID by its last four digits "4567" only

    @step:provider-5b
    Scenario: No provider under the Tax ID has the NPI Grace typed
      When Grace chooses the US Mail path with the NPI "1987654328"
      Then she is offered only "My provider is not listed"
      When she says her provider is not listed
      Then Provider e-Services has a request to contact Grace about "Lakeside Family Clinic"

    @step:provider-5b
    Scenario: Provider e-Services cannot contact someone who left out her e-mail address
      Given Grace has chosen the Tax ID/NPI path
      When she says her provider is not listed, leaving out her e-mail address
      Then she is told "Please enter your e-mail address." for the e-mail address
      And Provider e-Services has no request

    @step:provider-5b
    Scenario: Every mistake of the form is reported at once
      Given Grace has chosen the Tax ID/NPI path
      When she says her provider is not listed, leaving out her name and e-mail address
      Then she is told, all at once:
        | first name     | Please enter your first name.     |
        | last name      | Please enter your last name.      |
        | e-mail address | Please enter your e-mail address. |

    @step:provider-5b
    Scenario: The details run to at most 1,000 characters
      Given Grace has chosen the Tax ID/NPI path
      When she says her provider is not listed, explaining it in 1001 characters
      Then she is told "Details is too long."
      And Provider e-Services has no request
