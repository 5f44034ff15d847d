@guide:healthpartners-provider-portal-registration
Feature: Self Registration – where registration starts, and its two paths
  "Before starting the HealthPartners Provider portal registration process,
  please note: There are two registration paths: one if you are a provider
  and one if you are a billing organization." Either path starts the same
  way: "1. Go to www.healthpartners.com/provider. 2. Click “Register your
  facility” link, “Register here” link, or “Register your facility” button.
  3. Select “I work for a health care provider.”" (or "I work for a billing
  organization.").

  Where the guide is silent we chose: the address may be typed with or
  without "https://" and "www.", in any letter case, with or without a
  trailing slash; any other address, HealthPartners' member site included,
  is not where providers register. The "Register your facility" link and
  button are one action of one name. The Self Registration page's choice is
  one of its two buttons, word for word; nothing else leads on. Which path is
  whose follows the guide's "Click desired path" descriptions: whoever works
  for the company that provides the services takes the provider path
  (billing departments within large care systems included); a company
  contracted to act for providers takes the billing organization path, under
  its own Tax ID, with no check and no NPI.

  Rule: Registration starts at www.healthpartners.com/provider
    "Go to www.healthpartners.com/provider"

    @step:provider-1 @step:billing-1
    Scenario Outline: The provider portal's address typed as "<address>"
      When Grace opens "Register your facility" at "<address>"
      Then she sees the Self Registration page, which asks "Please tell us who you are:"
      And the Self Registration page ends with "Need to add facilities to your account? Contact your delegate."

      Examples:
        | address                                 |
        | www.healthpartners.com/provider         |
        | https://www.healthpartners.com/provider |
        | HealthPartners.com/Provider/            |

    @step:provider-1 @step:billing-1
    Scenario Outline: <site> is not where providers register
      When Priya opens "Register here" at "<address>"
      Then she is told "Web address must be www.healthpartners.com/provider."
      And she does not reach the Self Registration page

      Examples:
        | site                         | address                          |
        | HealthPartners' member site  | www.healthpartners.com           |
        | another plan's portal        | www.harmonyhpm.com/provider      |
        | a look-alike address         | www.healthpartners.com.co/provider |

  Rule: "Register your facility" and "Register here" open the Self Registration page
    "Click “Register your facility” link, “Register here” link, or “Register
    your facility” button."

    @step:provider-2 @step:billing-2
    Scenario Outline: "<link>" opens the Self Registration page
      When Grace opens "<link>" at "www.healthpartners.com/provider"
      Then she sees the Self Registration page, which asks "Please tell us who you are:"
      And the Self Registration page ends with "Need to add facilities to your account? Contact your delegate."

      Examples:
        | link                   |
        | Register your facility |
        | Register here          |

    @step:provider-2 @step:billing-2
    Scenario: The provider portal has no "Sign Up Here" link
      When Grace opens "Sign Up Here" at "www.healthpartners.com/provider"
      Then she is told "Link must be “Register your facility” or “Register here”."
      And she does not reach the Self Registration page

  Rule: There are two registration paths, one for providers and one for billing organizations
    "There are two registration paths: one if you are a provider and one if
    you are a billing organization." The Self Registration page: "Please tell
    us who you are:", Health Care Provider or Billing Organization, and at the
    bottom "Need to add facilities to your account? Contact your delegate."

    @step:intro-2 @step:paths-1 @step:paths-2 @step:billing-3a
    Scenario: The Self Registration page offers the two paths
      When Grace opens "Register here" at "www.healthpartners.com/provider"
      Then the Self Registration page offers:
        | button                            | for                  | who might use this option                                                                                 |
        | I work for a health care provider | Health Care Provider | physician offices, hospitals, care system's central billing office, dental, pharmacy, other ancillary providers |
        | I work for a billing organization | Billing Organization | billing agencies, medical billing services, third party administrators (TPA), management service organizations (MSO) |
      And the Self Registration page ends with "Need to add facilities to your account? Contact your delegate."

    @step:intro-2
    Scenario: There is no third path
      When Grace selects "I am a patient" on the Self Registration page
      Then she is told 'Choice must be one of "I work for a health care provider" or "I work for a billing organization".'
      And she goes on to neither registration

  Rule: A provider's staff select "I work for a health care provider"
    "PROVIDER REGISTRATION: Includes medical, dental, behavioral health,
    elderly waiver services, interpreters, hospitals, nursing homes, personal
    care attendants, billing departments within large care systems and more –
    as long as you work for the company that provides the services."

    @step:provider-3 @step:paths-1
    Scenario: Grace, who works for a clinic, takes the provider path
      When Grace selects "I work for a health care provider" on the Self Registration page
      Then she goes on to the provider registration
      And she may register by "Tax ID/NPI", "Tax ID/Vendor#" or "US Mail"

    @step:provider-3
    Scenario: The button's words are the page's own
      When Grace selects "I work for a healthcare provider" on the Self Registration page
      Then she is told 'Choice must be one of "I work for a health care provider" or "I work for a billing organization".'
      And she goes on to neither registration

    @step:paths-1
    Scenario: A contracted billing service cannot prove itself on the provider path
      Given HealthPartners issued these checks:
        | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
        | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
      And Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya chooses the Tax ID/NPI path with the Tax ID "41-7654321", the NPI "1234567893" and the check # "4410021"
      Then she is told "We could not match this information to a HealthPartners check. Please check the Tax ID, check # and NPI or vendor # as printed on the check, or choose the US Mail option."

  Rule: A billing organization's staff select "I work for a billing organization"
    "BILLING ORGANIZATION/THIRD PARTY REGISTRATION: If you are contracted to
    provide services on behalf of a provider, you will register as a billing
    organization. All provider Tax ID/NPI access can be under your
    organization."

    @step:billing-3 @step:paths-2
    Scenario: Priya, who works for a billing service, takes the billing organization path
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya selects "I work for a billing organization" on the Self Registration page
      Then she goes on to the billing organization registration

    @step:billing-3
    Scenario: A billing company's own words are not one of the page's buttons
      When Priya selects "I work for a billing company" on the Self Registration page
      Then she is told 'Choice must be one of "I work for a health care provider" or "I work for a billing organization".'
      And she goes on to neither registration

    @step:paths-2
    Scenario: A billing organization registers under its own Tax ID, with no check and no NPI
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya names her billing organization
      Then she may go on to give her contact information

    @step:paths-2 @step:billing-3a
    Scenario: A colleague who needs more facilities is sent to the delegate, not to a second registration
      Given Priya Shah has registered "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Omar Haddad also works for "Northstar Billing Services"
      When Omar names his billing organization
      Then he is told "Your organization is already registered. Please contact your delegate to create your account."
