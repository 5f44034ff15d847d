@guide:hpp-interoperability-member-portal
Feature: Telling the plan who you are, and creating the account
  "HPP members must have their Member ID number to complete Registration."
  After verifying the e-mail address the person gives a first name, last
  name and date of birth, says "I am a..." member or dependent on the plan,
  or a non-member acting for a member, and clicks "Create".

  The guide does not say how a Member ID is checked: the plan's member
  directory must hold that Member ID for a member with the same name (letter
  case and accents aside) and date of birth. HPP Member IDs are taken to be 8
  to 12 letters or digits. Dates of birth are written MM-DD-YYYY.

  Background:
    Given Jane Doe is a member of the plan with Member ID "HP12345678", born "03-14-1985"
    And Jane has verified her e-mail address for sign-up

  Rule: A member or dependent needs a Member ID that matches her name and date of birth

    @step:register-9
    Scenario: Jane creates her account with her Member ID
      When Jane creates her account as a member with her Member ID
      Then Jane has an active member account

    @step:register-9
    Scenario: A Member ID the plan does not know is refused
      When Jane creates her account as a member with Member ID "HP99999999"
      Then she is told "We could not match this Member ID to the name and date of birth you entered." for the Member ID
      And no account is created for Jane

    @step:register-9
    Scenario: A Member ID that belongs to someone born on another day is refused
      When Jane creates her account as a member giving the date of birth "03-15-1985"
      Then she is told "We could not match this Member ID to the name and date of birth you entered." for the Member ID

    @step:register-9
    Scenario: A Member ID in the wrong format is refused before any lookup
      When Jane creates her account as a member with Member ID "HP-12"
      Then she is told "Please enter a valid Member ID." for the Member ID

    @step:register-9
    Scenario: The Member ID is required
      When Jane creates her account as a member leaving out the Member ID
      Then she is told "This information is required." for the Member ID

  Rule: Every field is required, and the date of birth must be a real past date

    @step:register-9
    Scenario: Jane leaves every field empty
      When Jane creates her account leaving every field empty
      Then she is told "This information is required." for each of these fields:
        | first name                 |
        | last name                  |
        | date of birth              |
        | choice of "I am a..."      |

    @step:register-9
    Scenario Outline: Jane leaves out the <field>
      When Jane creates her account as a member leaving out the <field>
      Then she is told "This information is required." for the <field>

      Examples:
        | field         |
        | first name    |
        | last name     |
        | date of birth |

    @step:register-9
    Scenario Outline: "<date>" is refused as a date of birth (<why>)
      When Jane creates her account as a member giving the date of birth "<date>"
      Then she is told "<message>" for the date of birth

      Examples:
        | date       | why                  | message                                          |
        | 02-30-1985 | no such day          | Please enter a valid Date of Birth (MM-DD-YYYY). |
        | 14-03-1985 | day and month swapped | Please enter a valid Date of Birth (MM-DD-YYYY). |
        | 11-22-2026 | today                | Date of Birth must be in the past.               |
        | 01-01-2030 | in the future        | Date of Birth must be in the past.               |
        | 01-01-1890 | over 130 years ago   | Please enter a valid Date of Birth (MM-DD-YYYY). |
