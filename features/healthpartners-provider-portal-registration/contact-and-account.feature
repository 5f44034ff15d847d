@guide:healthpartners-provider-portal-registration
Feature: Contact information and account information
  Provider path: "6. Complete contact information (your name, not the doctor
  or facility name) and continue. 7. Create your account information and
  continue." Billing organization path: "4. Enter your organization’s full
  name, Tax ID and click continue. 5. Enter your contact information (your
  name, phone and email) to create an account."

  Where the guide is silent we chose: contact information is the person's
  first and last name and e-mail address, and a phone number, which the
  billing path requires and the provider path leaves optional. A name that is
  the provider's or the organization's name as on file is refused, a
  doctor's titles and credentials ("Dr", "MD", "DDS"…) aside and in any word
  order. The account information is a username, unique on the portal in any
  letter case, and a password typed twice. The guide gives no password rule:
  passwords follow NIST SP 800-63B-4 for a password used alone, 15 to 128
  characters counted as Unicode characters (an emoji is one), any
  characters, no composition rule; a commonly used or breached password, or
  one that contains the username, is refused. A registration session lasts 1
  hour from its first step. An e-mail address holds at most one account in an
  organization (compared in any letter case). A billing organization's full
  name is at most 100 characters; its Tax ID is nine digits.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                        |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108      |
      | NWO0001  | Amara Nwosu MD         | 41-2223334 | 1456789019 | ANW3300  | 600 Nicollet Mall, Minneapolis, MN 55402 |
    And HealthPartners issued these checks:
      | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
      | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
    And Grace Okafor works for "Lakeside Family Clinic"

  Rule: Contact information is the person's own name, not the doctor's or the facility's
    "Complete contact information (your name, not the doctor or facility
    name) and continue."

    @step:provider-6
    Scenario: Grace gives her own name and e-mail address
      Given Grace has selected her provider
      When she gives her contact information
      Then she may go on to create her account

    @step:provider-6
    Scenario: The provider path asks for no phone number
      Given Grace has selected her provider
      When she gives her contact information leaving out the phone number
      Then she may go on to create her account

    @step:provider-6
    Scenario: The facility's name is not Grace's
      Given Grace has selected her provider
      When she gives "Lakeside Family Clinic" as her name
      Then she is told "Please enter your own name, not the doctor or facility name. If you are the doctor, confirm that this is your own name." for the last name

    @step:provider-6
    Scenario Outline: The doctor's name written "<name>" is not Tomas's
      Given Tomas Berg works for "Amara Nwosu MD"
      And Tomas has selected his provider on the US Mail path
      When he gives "<name>" as his name
      Then he is told "Please enter your own name, not the doctor or facility name. If you are the doctor, confirm that this is your own name."

      Examples:
        | name            |
        | Amara Nwosu     |
        | Dr Amara Nwosu  |
        | Nwosu Amara     |

    @step:provider-6
    Scenario: The doctor registering her own practice confirms the name is hers
      Given Amara Nwosu works for "Amara Nwosu MD"
      And Amara has selected her provider on the US Mail path
      When she gives her contact information, confirming that "Amara Nwosu" is her own name
      Then she may go on to create her account

    @step:provider-6
    Scenario: Tomas shares the doctor's family name, not her name
      Given Tomas Berg works for "Amara Nwosu MD"
      And Tomas has selected his provider on the US Mail path
      When he gives "Chidi Nwosu" as his name
      Then he may go on to create his account

    @step:provider-6
    Scenario: An e-mail address that cannot be one is refused
      Given Grace has selected her provider
      When she gives her contact information with the e-mail address "grace.okafor@"
      Then she is told "E-mail address must be an e-mail address such as name@example.com." for the e-mail address

    @step:provider-6
    Scenario: The contact information comes after the provider is selected
      Given Grace has chosen the Tax ID/NPI path
      When she gives her contact information
      Then she is told "Please select your provider name first."

  Rule: The person creates her own account: a username and a password
    "Create your account information and continue."

    @step:provider-7
    Scenario: Grace creates her account
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account
      Then Grace's registration confirmation reads:
        | Organization | Lakeside Family Clinic |
        | Username     | GraceOkafor            |

    @step:provider-7
    Scenario: A username is one person's, in any letter case
      Given Priya Shah has registered "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Grace has selected her provider
      And she has given her contact information
      When she creates her account with the username "priyashah"
      Then she is told "That username is taken. Please choose another."

    @step:provider-7
    Scenario: The account comes after the contact information
      Given Grace has selected her provider
      When she creates her account
      Then she is told "Please complete your contact information first."

    @step:provider-7
    Scenario: A registration left for more than an hour starts again
      Given Grace has selected her provider
      And she has given her contact information
      When 61 minutes pass
      And she creates her account
      Then she is told "Your session has expired. Please start again."

    @step:provider-7
    Scenario: A registration finished within the hour
      Given Grace has selected her provider
      And she has given her contact information
      When 59 minutes pass
      And she creates her account
      Then Grace's registration confirmation says "Your registration is complete. Click Log on to enter your username and password."

  Rule: Passwords follow NIST SP 800-63B-4
    The issue: "Passwords follow NIST SP 800-63B-4 (the guide gives no rule)."
    For a password used alone: at least 15 characters, at most 128 (at least
    64 must be allowed), any characters, no composition rule, and a blocklist
    of common and breached passwords.

    @step:rules-5
    Scenario Outline: The password "<password>" is accepted (<why>)
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account with the password "<password>"
      Then Grace's registration confirmation reads:
        | Username | GraceOkafor |

      Examples:
        | password                | why                                             |
        | lakes and loons in june | lower-case words and spaces, no other rule      |
        | minnesota lakes         | 15 characters, the fewest allowed               |
        | Über 10.000 Seen in MN! | any characters                                  |
        | 🦆🦆🦆 on the lake       | 15 characters, three of them emoji              |

    @step:rules-5
    Scenario Outline: The password "<password>" is refused (<why>)
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account with the password "<password>"
      Then she is told "<message>"
      And no account is created for Grace

      Examples:
        | password                  | why                          | message                                             |
        | minnesota lake            | 14 characters                | Your password must be at least 15 characters long.  |
        | 🦆🦆 on the lake           | 14 characters, two of them emoji | Your password must be at least 15 characters long. |
        | correcthorsebatterystaple | a well-known password        | That password is too common. Please choose another. |
        | passwordpassword          | a common password            | That password is too common. Please choose another. |
        | GraceOkafor by the lake   | it contains her username     | Your password must not contain your username.       |
        | graceokafor by the lake   | her username in lower case   | Your password must not contain your username.       |

    @step:rules-5
    Scenario Outline: A password of <length> characters is accepted
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account with a password of <length> characters
      Then Grace's registration confirmation reads:
        | Username | GraceOkafor |

      Examples:
        | length |
        | 64     |
        | 128    |

    @step:rules-5
    Scenario: A password of 129 characters is refused
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account with a password of 129 characters
      Then she is told "Your password must be at most 128 characters long."

    @step:rules-5
    Scenario: The password typed twice must match
      Given Grace has selected her provider
      And she has given her contact information
      When she creates her account confirming the password as "lakes and loons in july"
      Then she is told "The passwords do not match."

  Rule: An e-mail address holds at most one account per organization
    The issue: "An e-mail address holds at most one account per organisation."

    @step:rules-4
    Scenario: Grace's delegate account and her colleague's each have their own e-mail address
      Given Grace is signed in to the HealthPartners secure provider site
      And Daniel Reyes also works for "Lakeside Family Clinic"
      When Grace creates a staff account for Daniel
      Then Daniel receives an e-mail with a temporary password

    @step:rules-4
    Scenario: Grace's e-mail address, in other letters' case, cannot hold a second account
      Given Grace is signed in to the HealthPartners secure provider site
      And Daniel Reyes also works for "Lakeside Family Clinic"
      When Grace creates a staff account for Daniel with the e-mail address "GRACE.OKAFOR@LakesideFC.com"
      Then she is told "Individuals cannot share accounts: this e-mail address already has an account in your organization."

  Rule: A billing organization gives its full name and Tax ID
    "Enter your organization’s full name, Tax ID and click continue."

    @step:billing-4
    Scenario: Priya names Northstar Billing Services
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya names her billing organization
      Then she may go on to give her contact information

    @step:billing-4
    Scenario: Both are required, and both are reported at once
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya names her billing organization leaving every field empty
      Then she is told, all at once:
        | organization's full name | Please enter your organization's full name. |
        | Tax ID                   | Please enter your Tax ID.                   |

    @step:billing-4
    Scenario Outline: The <field> "<value>" is refused (<why>)
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      When Priya names her billing organization with the <field> "<value>"
      Then she is told "<message>" for the <field>

      Examples:
        | field  | value       | why           | message                                                                 |
        | Tax ID | 41-765432   | eight digits  | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789.  |
        | Tax ID | 41-76543210 | ten digits    | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789.  |

  Rule: A billing organization's registrant gives her name, phone and e-mail address
    "Enter your contact information (your name, phone and email) to create
    an account."

    @step:billing-5
    Scenario: Priya gives her name, phone and e-mail address, and creates her account
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has named her billing organization
      And she has given her contact information
      When she creates her account
      Then Priya's registration confirmation reads:
        | Organization | Northstar Billing Services |
        | Username     | PriyaShah                  |

    @step:billing-5
    Scenario: The billing path asks for a phone number
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has named her billing organization
      When she gives her contact information leaving out the phone number
      Then she is told "Please enter your phone number." for the phone number

    @step:billing-5
    Scenario: The billing organization's name is not Priya's
      Given Priya Shah works for "Northstar Billing Services", a billing organization with Tax ID "41-7654321"
      And Priya has named her billing organization
      When she gives "Northstar Billing Services" as her name
      Then she is told "Please enter your own name, not the doctor or facility name. If you are the doctor, confirm that this is your own name."
