@guide:qpp-harp-account-setup
Feature: Create HARP Profile and Account
  "The HCQIS Access Roles and Profile (HARP) system is a secure identity
  management portal … to provide secure, confidential access to MIPS
  information." "A HARP account is unique to each user and you will complete
  identity proofing steps."

  The profile asks for "First Name, Last Name, Date of Birth, Email Address,
  Phone Number, Home Address, Social Security Number*" and the account for
  "User ID, Password, Challenge Question and Answer", on one page: every
  mistake on it is shown at once, and nothing is kept until all is well.

  Where the guide is silent we chose: the User ID is unique whatever its
  letter case. The password follows NIST SP 800-63B-4 for a password used
  with a second factor (HARP requires one): 8 to 128 characters, any
  characters, spaces included, no composition rules, not a commonly used
  password, not the User ID. A Social Security Number must be one that could
  have been issued (no area 000, 666 or 900–999, no group 00, no serial
  0000); it goes to the credit bureau at once, and HARP keeps only its last
  four digits and a keyed hash.

  Rule: Registration starts at the address the guide gives
    @step:profile-1 @step:profile-6
    Scenario: The guide's addresses for registering and for help
      Then the registration instructions are at "https://qpp.cms.gov/login?page=register"
      And more information is at "https://harp.qualitynet.org/login/help"

  Rule: With a Social Security Number, identity proofing is remote
    @step:profile-2 @step:profile-3 @step:intro-2
    Scenario: Ana creates her profile and account and is asked about her credit history
      Given the credit bureau has a file on Ana Reyes
      When she creates her HARP profile and account with her Social Security Number
      Then she is asked 5 questions about her credit history
      And Ana's identity is not proofed yet

    @step:intro-2
    Scenario: A new account must complete identity proofing before anything else
      Given the credit bureau has a file on Ana Reyes
      And she has created her HARP profile and account with her Social Security Number
      When she selects "Manage Access", then "Connect to an Organization"
      Then she is told "Please complete identity proofing first."

    @step:profile-2 @step:intro-1 @step:rules-1
    Scenario: HARP keeps only the last four digits of Ana's Social Security Number
      Given the credit bureau has a file on Ana Reyes
      When she creates her HARP profile and account with her Social Security Number
      Then HARP keeps her Social Security Number only as its last four digits and a keyed hash

  Rule: The Social Security Number is optional; without it, proofing is manual
    "If you prefer not to enter your Social Security Number, you will need to
    select "Initiate Manual Proofing"."

    @step:profile-2 @step:profile-5
    Scenario: Ben leaves his Social Security Number out and is offered manual proofing
      When Ben Okoro creates his HARP profile and account without a Social Security Number
      Then Ben is offered manual proofing
      And Ben's identity is not proofed yet

  Rule: The profile and the account ask for everything the guide lists
    @step:profile-2 @step:profile-3
    Scenario: An empty form is told every field it needs, all at once
      When Ana Reyes creates her HARP profile and account leaving every field empty
      Then she is shown these messages:
        | Please enter your first name.          |
        | Please enter your last name.           |
        | Please enter your date of birth.       |
        | Please enter your email address.       |
        | Please enter your phone number.        |
        | Please enter your street address.      |
        | Please enter your city.                |
        | Please enter your state.               |
        | Please enter your ZIP code.            |
        | Please enter your User ID.             |
        | Please enter your password.            |
        | Please enter your password confirmation. |
        | Please enter your challenge question.  |
        | Please enter your challenge answer.    |
      And Ana has no HARP account

    @step:profile-2
    Scenario: The home address is needed: the bills and statements of manual proofing must be addressed to it
      When Ana Reyes creates her HARP profile and account leaving out her home address
      Then she is shown these messages:
        | Please enter your street address. |
        | Please enter your city.           |
        | Please enter your state.          |
        | Please enter your ZIP code.       |
      And Ana has no HARP account

    @step:profile-2 @step:profile-3
    Scenario: Text that is no name, date or address is refused, field by field, and nothing is kept
      When Ana Reyes creates her HARP profile and account with "<script>alert(1)</script>" in every field
      Then the first name breaks the rule "field.invalid"
      And the date of birth breaks the rule "date.not-a-date"
      And Ana has no HARP account

  Rule: A Social Security Number must be one that could have been issued
    @step:rules-1
    Scenario Outline: <ssn> is refused: <why>
      When Ana Reyes creates her HARP profile and account with the Social Security Number "<ssn>"
      Then she is told "That is not a Social Security Number that was ever issued. Please check it."
      And Ana has no HARP account

      Examples:
        | ssn         | why                         |
        | 000-12-3456 | no area number is 000       |
        | 666-12-3456 | no area number is 666       |
        | 912-12-3456 | no area number is 900–999   |
        | 123-00-4567 | no group number is 00       |
        | 123-45-0000 | no serial number is 0000    |

    @step:rules-1
    Scenario: Nine digits written without dashes are the same number
      Given the credit bureau has a file on Ana Reyes
      When she creates her HARP profile and account with the Social Security Number "524716309"
      Then the Social Security Number is accepted

  Rule: The User ID is unique to each user, whatever its letter case
    @step:profile-3 @step:intro-2
    Scenario: Ben cannot take the User ID Ana has, in other letters
      Given Ana Reyes has a HARP account
      When Ben Okoro creates his HARP profile and account with the User ID "anareyes"
      Then he is told "That User ID is taken. Please choose another."
      And Ben has no HARP account

  Rule: The password follows NIST SP 800-63B-4 for a password used with a second factor
    @step:rules-2
    Scenario Outline: The password "<password>" is refused: <why>
      When Ana Reyes creates her HARP profile and account with the password "<password>"
      Then she is told "<message>"
      And Ana has no HARP account

      Examples:
        | password          | why                       | message                                              |
        | Qpp2026           | 7 characters              | Your password must be at least 8 characters long.    |
        | password          | a commonly used password  | That password is too common. Please choose another.  |
        | AnaReyes-2026     | it holds the User ID      | Your password must not contain your User ID.         |

    @step:rules-2
    Scenario: A long passphrase with spaces and no digits is a good password
      Given the credit bureau has a file on Ana Reyes
      When she creates her HARP profile and account with the password "harbor lights over quiet water"
      Then she is asked 5 questions about her credit history

    @step:rules-2
    Scenario: 129 characters are too many
      When Ana Reyes creates her HARP profile and account with a password of 129 characters
      Then she is told "Your password must be at most 128 characters long."

  Rule: The challenge question is one of HARP's
    @step:profile-3
    Scenario: A question of her own making is refused
      When Ana Reyes creates her HARP profile and account with the challenge question "What is my favourite colour?"
      Then the challenge question breaks the rule "field.invalid"
      And Ana has no HARP account
